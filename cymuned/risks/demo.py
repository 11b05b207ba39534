"""The 25 risks that seed 000 (the Board paper) cites with their scores: 24 with a Datix reference, loaded
through the importer from `demo_data/risks.csv` in Datix's own layout. Only the scores were published,
so each likelihood and consequence was chosen to give the score (`bands.likelihood_consequence_for`)
and the risks are marked so; the target is assumed to be the same consequence made rare (likelihood 1).
The paper's 25th risk is cited without a Datix ID: it is loaded with a reference of Cymuned's own
(`NO-DATIX-1`), marked "no Datix ID", and the paper's field cites it by its title alone, as the seed does."""

from pathlib import Path

from cymuned.orgs.models import OrgUnit

from .bands import likelihood_consequence_for
from .importers import RiskImporter
from .models import DatixUnit, Risk

DATA = Path(__file__).parent / "demo_data"
DIRECTORATE = "Primary Care, Long Term Care and Therapies"
# Seed 000 cites it as "Risk of not achieving savings targets … (6)", with no Datix ID.
UNREFERENCED_TITLE = (
    "Risk of not achieving savings targets due to continued expenditure without mitigating savings plans"
)
UNREFERENCED_SCORE = 6


def load(stdout) -> None:
    board = OrgUnit.objects.filter(code="7A2").first()
    if board is None or Risk.objects.exists():
        return
    DatixUnit.objects.get_or_create(datix_name=DIRECTORATE, defaults={"unit": board})
    path = DATA / "risks.csv"
    stdout.write(f"demo risks.csv: {RiskImporter().run(path.read_bytes(), path.name)}")
    for risk in Risk.objects.all():
        risk.scores_assumed = True
        risk.save()
    likelihood, consequence = likelihood_consequence_for(UNREFERENCED_SCORE)
    Risk.objects.create(
        reference="NO-DATIX-1",
        title=UNREFERENCED_TITLE,
        unit=board,
        likelihood=likelihood,
        consequence=consequence,
        target_likelihood=1,
        target_consequence=consequence,
        without_datix_id=True,
        scores_assumed=True,
    )
