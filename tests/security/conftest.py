"""A small world with something on every page: a project with a return, a budget, an expected
outcome return with a measure, and a committee, so a request reaches past "nothing here yet"."""

from datetime import date
from decimal import Decimal

import pytest

from cymuned.finance.models import Budget
from cymuned.outcomes.models import ExpectedReturn, Measure, Provider
from cymuned.reports.models import Committee

from .. import factories


@pytest.fixture
def filled(world):
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.monitoring_return(pain, "2025-26-Q1", target_attainment_pct=Decimal(100))
    Budget.objects.create(cluster=world.ag, financial_year="2025-26", budget_gbp=Decimal(100000))
    Budget.objects.create(cluster=world.ag, financial_year="2024-25", budget_gbp=Decimal(90000))
    provider = Provider.objects.create(name="Pain team", email="pain@example.invalid")
    measure = Measure.objects.create(
        project=pain, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind="count"
    )
    expected = ExpectedReturn.objects.create(
        project=pain, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31)
    )
    committee = Committee.objects.create(
        health_board=world.hywel_dda,
        name_en="Committee",
        name_cy="Pwyllgor",
        title_en="Title",
        title_cy="Teitl",
        lead_director="Lead",
        reporting_officer="Officer",
    )
    return {"project": pain, "measure": measure, "expected": expected, "committee": committee}
