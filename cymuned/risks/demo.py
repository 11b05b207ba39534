"""The 24 risks with a Datix reference that seed 000 (the Board paper) cites with their scores, loaded
through the importer from `demo_data/risks.csv` in Datix's own layout. Only the scores were published,
so each likelihood and consequence was chosen to give the score (`bands.likelihood_consequence_for`)
and the risks are marked so; the target is assumed to be the same consequence made rare (likelihood 1).
A 25th risk in the paper has no Datix reference and is not loaded."""

from pathlib import Path

from cymuned.orgs.models import OrgUnit

from .importers import RiskImporter
from .models import DatixUnit, Risk

DATA = Path(__file__).parent / "demo_data"
DIRECTORATE = "Primary Care, Long Term Care and Therapies"


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
