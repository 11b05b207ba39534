"""Outcome data for the demonstration: the persistent pain service's tables (seed 000), a synthetic
school respiratory review with C-ACT scores, synthetic monthly series for SPC, and the 2024-25 Q4
provider returns — some on time, some late and some missing, as in the monitoring paper."""

import random
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from cymuned.portfolio.models import Project

from .models import ExpectedReturn, Measure, MeasureValue, Provider, ScoreObservation

REFERRAL_REASONS = [  # the service's top 10 reasons for referral (seed 000)
    ("fibromyalgia", "Fibromyalgia/Widespread pain", "Ffibromyalgia/Poen eang", 238),
    ("back-pain", "Back pain", "Poen cefn", 235),
    ("persistent-nos", "Persistent pain NOS", "Poen parhaus heb ei nodi", 111),
    ("coping", "Pain management/poor coping skills", "Rheoli poen/sgiliau ymdopi gwael", 68),
    ("arthritis", "Arthritis", "Arthritis", 40),
    ("pmp-request", "(SC) Request for PMP", "(SC) Cais am PMP", 35),
    ("neck-pain", "Neck pain", "Poen gwddf", 33),
    ("medication", "Medication reduction/high use", "Lleihau meddyginiaeth/defnydd uchel", 29),
    ("abdominal", "Abdominal pain", "Poen yn yr abdomen", 21),
    ("leg-pain", "Leg pain", "Poen coes", 19),
]
INTERVENTIONS = [
    ("one-to-one", "1:1 Work", "Gwaith 1:1", 231),
    ("pmp", "PMP", "PMP", 171),
    (
        "discharged-assessment",
        "Discharged after initial assessment",
        "Rhyddhau ar ôl yr asesiad cyntaf",
        149,
    ),
    ("discharged-dna", "Discharged DNA NP", "Rhyddhau – heb fynychu", 125),
    ("multiprofessional", "Multiprofessional 1:1", "1:1 amlbroffesiynol", 53),
    ("one-to-one-pmp", "1:1 and PMP", "1:1 a PMP", 52),
    ("opted-out", "Discharged - Opted out", "Rhyddhau – wedi dewis peidio", 39),
    ("sc-pathway", "Transferred to S/C pathway", "Trosglwyddo i’r llwybr gofal eilaidd", 29),
    (
        "sc-pharmacy",
        "Transferred to Secondary Care pharmacy",
        "Trosglwyddo i fferyllfa gofal eilaidd",
        29,
    ),
]
DISCHARGE = [  # all 19 discharge reasons of the service (seed 000, "Discharge reason | Count")
    (
        "after-assessment",
        "Discharged after initial assessment",
        "Rhyddhau ar ôl yr asesiad cyntaf",
        153,
    ),
    ("dna-np", "Discharge DNA NP", "Rhyddhau – heb fynychu (NP)", 128),
    ("dna-pmp", "Discharge DNA PMP", "Rhyddhau – heb fynychu (PMP)", 100),
    ("opted-out", "Discharged - Opted out of service", "Rhyddhau – wedi dewis peidio", 67),
    ("pharmacy", "D/C after 1:1 Pharmacy", "Rhyddhau ar ôl fferylliaeth 1:1", 60),
    (
        "multiprofessional",
        "D/C after Multiprofessional Intervention",
        "Rhyddhau ar ôl ymyriad amlbroffesiynol",
        52,
    ),
    ("pain-plan", "D/C after 1:1 Pain plan", "Rhyddhau ar ôl cynllun poen 1:1", 50),
    ("pmp", "D/C after PMP", "Rhyddhau ar ôl PMP", 46),
    ("dna-fu", "Discharge DNA FU", "Rhyddhau – heb fynychu dilyniant", 45),
    ("physio", "D/C after 1:1 Physio", "Rhyddhau ar ôl ffisio 1:1", 44),
    ("sc-pathway", "Transferred to S/C Pathway", "Trosglwyddo i’r llwybr gofal eilaidd", 35),
    (
        "sc-pharmacy-team",
        "Transferred to Secondary Care Pharmacy Team",
        "Trosglwyddo i dîm fferylliaeth gofal eilaidd",
        29,
    ),
    ("psychology", "D/C after 1:1 Psychology", "Rhyddhau ar ôl seicoleg 1:1", 14),
    (
        "pmp-multiprofessional",
        "D/C after PMP & 1:1 multiprofessional input",
        "Rhyddhau ar ôl PMP a mewnbwn amlbroffesiynol 1:1",
        12,
    ),
    ("pmp-pharmacy", "D/C after PMP & 1:1 Pharmacy", "Rhyddhau ar ôl PMP a fferylliaeth 1:1", 11),
    ("pmp-physio", "D/C after PMP & 1:1 Physio", "Rhyddhau ar ôl PMP a ffisio 1:1", 10),
    ("pmp-psychology", "D/C after PMP & 1:1 Psychology", "Rhyddhau ar ôl PMP a seicoleg 1:1", 8),
    ("pmp-pain-plan", "D/C after PMP & 1:1 Pain plan", "Rhyddhau ar ôl PMP a chynllun poen 1:1", 3),
    ("not-accepted", "Not accepted", "Heb ei dderbyn", 1),
]
QUARTER = "2024-25-Q4"
DUE = date(2025, 4, 30)


def _categories(rows):
    return [{"key": key, "en": en, "cy": cy} for key, en, cy, _n in rows]


def _values(measure, rows, period=QUARTER):
    MeasureValue.objects.bulk_create(
        [MeasureValue(measure=measure, period=period, category=key, value=n) for key, _en, _cy, n in rows]
    )


def load(stdout) -> None:
    if Measure.objects.exists() or not Project.objects.filter(code="AG-PAIN").exists():
        return
    rng = random.Random(2025)
    pain = Project.objects.get(code="AG-PAIN")
    referrals = Measure.objects.create(
        project=pain,
        code="referral-reasons",
        name_en="Reasons for referral",
        name_cy="Rhesymau dros atgyfeirio",
        kind="categories",
        categories=_categories(REFERRAL_REASONS),
        direction="neither",
    )
    _values(referrals, REFERRAL_REASONS)
    plans = Measure.objects.create(
        project=pain,
        code="interventions",
        name_en="Plan or intervention at assessment",
        name_cy="Cynllun neu ymyriad yn yr asesiad",
        kind="categories",
        categories=_categories(INTERVENTIONS),
        direction="neither",
    )
    _values(plans, INTERVENTIONS)
    discharges = Measure.objects.create(
        project=pain,
        code="discharge-reasons",
        name_en="Discharge reasons",
        name_cy="Rhesymau dros ryddhau",
        kind="categories",
        categories=_categories(DISCHARGE),
        direction="neither",
    )
    _values(discharges, DISCHARGE)
    savings = Measure.objects.create(
        project=pain,
        code="pharma-savings",
        name_en="Pharmaceutical savings (12 months)",
        name_cy="Arbedion fferyllol (12 mis)",
        kind="money",
        direction="higher",
    )
    MeasureValue.objects.create(measure=savings, period=QUARTER, value=Decimal("22600"))
    monthly = Measure.objects.create(
        project=pain,
        code="new-referrals",
        name_en="New referrals a month (synthetic)",
        name_cy="Atgyfeiriadau newydd bob mis (synthetig)",
        kind="count",
        frequency="monthly",
        direction="neither",
        target=Decimal(30),
    )
    for index in range(24):
        year, month = 2023 + (index + 3) // 12, (index + 3) % 12 + 1
        level = 24 if index < 14 else 31  # a shift after the service was promoted
        MeasureValue.objects.create(measure=monthly, period=f"{year}-{month:02d}", value=level + rng.randint(-4, 4))
    school = Project.objects.get(code="SP-RESP")
    c_act = Measure.objects.create(
        project=school,
        code="c-act",
        name_en="Childhood Asthma Control Test (C-ACT) score (synthetic)",
        name_cy="Sgôr Prawf Rheoli Asthma Plentyndod (C-ACT) (synthetig)",
        kind="score",
        score_min=0,
        score_max=27,
        direction="higher",
        target=Decimal(20),
        threshold=Decimal(20),  # a C-ACT score of 20 or more: asthma under control
    )
    observations = []
    for child in range(290):
        before = min(27, max(5, round(rng.gauss(17.5, 3.5))))
        after = min(27, max(5, before + round(rng.gauss(2.4, 2.8))))
        observations.append(
            ScoreObservation(
                measure=c_act,
                subject=f"SYN-{child + 1:03d}",
                before=before,
                after=after,
                synthetic=True,
            )
        )
    ScoreObservation.objects.bulk_create(observations)
    children = Measure.objects.create(
        project=school,
        code="children-reviewed",
        name_en="Children reviewed",
        name_cy="Plant a adolygwyd",
        kind="count",
        direction="higher",
    )
    for period, n in (
        ("2023-24-Q3", 38),
        ("2023-24-Q4", 44),
        ("2024-25-Q1", 41),
        ("2024-25-Q2", 35),
        ("2024-25-Q3", 62),
        ("2024-25-Q4", 70),
    ):
        MeasureValue.objects.create(measure=children, period=period, value=n)
    _expected_returns(rng)
    stdout.write(
        "demo outcomes: persistent pain service tables, synthetic C-ACT review of 290 children, 2024-25-Q4 returns"
    )


def _received(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _synthetic_sessions(project: Project, rng: random.Random) -> None:
    """A received return holds values: the providers whose real figures the seeds do not give
    return a synthetic count of sessions, labelled as synthetic."""
    sessions = Measure.objects.create(
        project=project,
        code="sessions",
        name_en="Sessions delivered (synthetic)",
        name_cy="Sesiynau a ddarparwyd (synthetig)",
        kind="count",
        direction="higher",
    )
    MeasureValue.objects.create(measure=sessions, period=QUARTER, value=rng.randint(20, 60))


def _expected_returns(rng: random.Random) -> None:
    plan = [  # project, provider, received (None: missing)
        ("AG-PAIN", "Persistent Pain Service team", date(2025, 4, 22)),
        ("SP-RESP", "School respiratory pharmacist", date(2025, 5, 9)),
        ("LL-MIND", "Mind Llanelli", date(2025, 4, 28)),
        ("AG-JLF", "Jac Lewis Foundation", date(2025, 4, 30)),
        ("NC-AREA43", "Area 43", date(2025, 5, 20)),
        ("SC-AREA43", "Area 43", date(2025, 5, 20)),
        ("LL-OPTOM", "Optometrists (Microsoft Form)", None),
        ("NC-OPTOM", "Optometrists (Microsoft Form)", None),
        ("SC-OPTOM", "Optometrists (Microsoft Form)", None),
        ("TT-PAPYRUS", "Papyrus", None),
    ]
    for code, provider_name, received in plan:
        project = Project.objects.get(code=code)
        if received and not project.measures.exists():
            _synthetic_sessions(project, rng)
        provider, _created = Provider.objects.get_or_create(
            name=provider_name,
            defaults={
                "email": f"{provider_name.split()[0].lower()}@example.invalid",
                "synthetic": True,
            },
        )
        ExpectedReturn.objects.create(
            project=project,
            provider=provider,
            period=QUARTER,
            due=DUE,
            first_submitted_at=_received(received) if received else None,
            last_submitted_at=_received(received) if received else None,
        )
