"""A synthetic 2026-27 funding round for Hywel Dda, loaded through the importers: its criteria (the
shipped file), a dozen synthetic proposals, three assessors each, one proposal failing a hurdle,
a consensus where assessors were two points apart, and a budget that funds some but not all."""

import random
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth import get_user_model

from cymuned.accounts.models import Role, RoleGrant
from cymuned.orgs.models import OrgUnit

from .importers import AssessmentImporter, CriterionImporter, ProposalImporter
from .indicators import indicator_codes
from .models import Consensus, Criterion, Proposal, ProposalState, Round

CRITERIA_FILE = Path(__file__).parent / "criteria" / "hywel-dda-2026-27.csv"
ASSESSORS = ("assessor-ceri", "assessor-dafydd", "assessor-eleri")
BUDGET = 150_000
SCORED = ("CONTACT", "COMPREHENSIVE", "CONTINUITY", "COORDINATION")
HURDLES = ("QUALITY", "WHOLE-SYSTEM", "STRATEGIC", "DELIVERABLE", "PRIORITY", "ADDITIONAL", "EXIT")

# code, clusters, condition, annual cost, years, English title, Welsh title, typical score per 4C
PROPOSALS = [
    (
        "HD26-01",
        "LL",
        "hypertension",
        24000,
        3,
        "Blood pressure checks in community pharmacies",
        "Gwiriadau pwysedd gwaed mewn fferyllfeydd cymunedol",
        (5, 3, 3, 4),
    ),
    (
        "HD26-02",
        "TT",
        "diabetes",
        38000,
        3,
        "Structured diabetes education in Welsh and English",
        "Addysg diabetes strwythuredig yn Gymraeg a Saesneg",
        (4, 4, 4, 4),
    ),
    (
        "HD26-03",
        "NC;SC",
        "asthma",
        30000,
        3,
        "Children's asthma reviews at school",
        "Adolygiadau asthma plant yn yr ysgol",
        (4, 3, 4, 3),
    ),
    (
        "HD26-04",
        "NP",
        "hypertension",
        52000,
        4,
        "Home blood pressure monitoring with remote review",
        "Monitro pwysedd gwaed gartref gydag adolygiad o bell",
        (3, 3, 3, 3),
    ),
    (
        "HD26-05",
        "SP",
        "diabetes",
        18000,
        3,
        "Foot protection clinics in the community",
        "Clinigau amddiffyn traed yn y gymuned",
        (3, 4, 3, 4),
    ),
    (
        "HD26-06",
        "AG",
        "asthma",
        12000,
        2,
        "Inhaler technique checks by pharmacists",
        "Gwirio techneg anadlwyr gan fferyllwyr",
        (4, 2, 3, 3),
    ),
    (
        "HD26-07",
        "LL;TT",
        "diabetes",
        60000,
        3,
        "Diabetes prevention hub with leisure services",
        "Canolfan atal diabetes gyda gwasanaethau hamdden",
        (5, 5, 4, 5),
    ),
    (
        "HD26-08",
        "NC",
        "hypertension",
        26000,
        3,
        "Hypertension case finding in farming communities",
        "Canfod achosion gorbwysedd mewn cymunedau ffermio",
        (4, 3, 5, 2),
    ),
    (
        "HD26-09",
        "SC",
        "asthma",
        22000,
        3,
        "Asthma and damp homes with housing partners",
        "Asthma a chartrefi llaith gyda phartneriaid tai",
        (2, 4, 3, 5),
    ),
    (
        "HD26-10",
        "NP;SP",
        "hypertension",
        45000,
        5,
        "Cardiovascular risk clinics led by nurses",
        "Clinigau risg cardiofasgwlaidd dan arweiniad nyrsys",
        (3, 4, 4, 3),
    ),
    (
        "HD26-11",
        "AG",
        "diabetes",
        15000,
        3,
        "Diabetes peer support groups with the third sector",
        "Grwpiau cymorth cymheiriaid diabetes gyda'r trydydd sector",
        (2, 3, 4, 3),
    ),
    (
        "HD26-12",
        "TT",
        "asthma",
        28000,
        3,
        "Asthma reviews in the evenings and at weekends",
        "Adolygiadau asthma gyda'r nos ac ar benwythnosau",
        (4, 3, 2, 3),
    ),
]
FAILS_HURDLE = "HD26-07"  # two of three assessors find it not deliverable within the medium term
SPLIT = ("HD26-04", "CONTINUITY")  # assessors 2 and 4 apart: the panel agrees 3


def _csv(header: list[str], rows: Sequence[Sequence[object]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def load(stdout) -> None:
    board = OrgUnit.objects.filter(code="7A2").first()
    if board is None:
        return
    if Proposal.objects.filter(round__health_board=board, round__year="2026-27").exists():
        stdout.write("demo proposals: already loaded")
        return
    stdout.write(f"demo criteria: {CriterionImporter().run(CRITERIA_FILE.read_bytes(), CRITERIA_FILE.name)}")
    Round.objects.filter(health_board=board, year="2026-27").update(budget_gbp=BUDGET, sensitivity_pct=20)
    users = []
    for name in ASSESSORS:
        user, created = get_user_model()._default_manager.get_or_create(username=name)
        if created:
            user.set_unusable_password()
            user.save()
        users.append(user)
    known = set(indicator_codes())  # the need points to the condition's prevalence when indicators are loaded
    rows = [
        [
            code,
            title,
            clusters,
            condition,
            "2026-27",
            cost,
            years,
            "Mainstreamed into the health board's service "
            "if the evaluation shows benefit; otherwise stopped at the end of the funding",
            "yes",
            title_cy,
            "Synthetic demonstration proposal",
            "Cluster collaborative; third sector",
            "yes",
            condition if condition in known else "",
        ]
        for code, clusters, condition, cost, years, title, title_cy, _scores in PROPOSALS
    ]
    header = [
        "code",
        "title",
        "clusters",
        "priority_condition",
        "first_year",
        "annual_cost_gbp",
        "years",
        "exit_strategy",
        "additional_to_contract",
        "title_cy",
        "need",
        "partners",
        "synthetic",
        "need_indicators",
    ]
    stdout.write(f"demo proposals: {ProposalImporter().run(_csv(header, rows), 'demo-proposals.csv')}")
    Proposal.objects.filter(code__in=[p[0] for p in PROPOSALS]).update(state=ProposalState.SUBMITTED)
    chance = random.Random(2026)
    scores: list[list[object]] = []
    for code, *_rest, typical in PROPOSALS:
        for n, user in enumerate(users):
            for criterion in HURDLES:
                passed = not (code == FAILS_HURDLE and criterion == "DELIVERABLE" and n < 2)
                scores.append([code, user.username, criterion, "pass" if passed else "fail", ""])
            for criterion, base in zip(SCORED, typical, strict=True):
                value = min(5, max(0, base + chance.choice((-1, 0, 0, 1))))
                if (code, criterion) == SPLIT:
                    value = (2, 4, 3)[n]
                scores.append([code, user.username, criterion, value, ""])
    header = ["proposal", "assessor", "criterion", "value", "comment"]
    stdout.write(f"demo assessments: {AssessmentImporter().run(_csv(header, scores), 'demo-assessments.csv')}")
    proposal = Proposal.objects.get(code=SPLIT[0])
    Consensus.objects.update_or_create(
        proposal=proposal,
        criterion=Criterion.objects.get(round=proposal.round, code=SPLIT[1]),
        defaults={"value": 3, "reason": "Synthetic: the panel agreed continuity is kept by the practice nurse"},
    )
    pcpg = OrgUnit.objects.filter(code="PCPG-CARM").first()
    if pcpg is not None:  # the first assessor also sits on Carmarthenshire's panel
        RoleGrant.objects.get_or_create(user=users[0], unit=pcpg, defaults={"role": Role.VIEWER})
