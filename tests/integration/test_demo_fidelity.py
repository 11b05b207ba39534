"""Issue 12 item 18 with the demonstration data: all 19 discharge reasons of seed 000 are loaded,
and its synthetic spend is labelled synthetic on the finance page, in the API and in the paper."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cymuned.finance.models import SpendLine
from cymuned.outcomes.models import Measure, MeasureValue
from cymuned.periods import Quarter
from cymuned.reports.writing import monitoring_document, write

from .test_reports_files import docx_text

# Seed 000 (the persistent pain service's report), "Discharge reason | Count": all nineteen rows.
SEED_DISCHARGES = {
    "Discharged after initial assessment": 153,
    "Discharge DNA NP": 128,
    "Discharge DNA PMP": 100,
    "Discharged - Opted out of service": 67,
    "D/C after 1:1 Pharmacy": 60,
    "D/C after Multiprofessional Intervention": 52,
    "D/C after 1:1 Pain plan": 50,
    "D/C after PMP": 46,
    "Discharge DNA FU": 45,
    "D/C after 1:1 Physio": 44,
    "Transferred to S/C Pathway": 35,
    "Transferred to Secondary Care Pharmacy Team": 29,
    "D/C after 1:1 Psychology": 14,
    "D/C after PMP & 1:1 multiprofessional input": 12,
    "D/C after PMP & 1:1 Pharmacy": 11,
    "D/C after PMP & 1:1 Physio": 10,
    "D/C after PMP & 1:1 Psychology": 8,
    "D/C after PMP & 1:1 Pain plan": 3,
    "Not accepted": 1,
}


@pytest.fixture
def demo(demo_for_module, db):
    """The demonstration data, loaded once for this module (tests/conftest.py)."""


def test_all_nineteen_discharge_reasons_of_seed_000_are_loaded(demo):
    measure = Measure.objects.get(code="discharge-reasons")
    names = {c["key"]: c["en"] for c in measure.categories}
    values = {names[v.category]: v.value for v in MeasureValue.objects.filter(measure=measure)}
    assert values == SEED_DISCHARGES


def test_the_demo_spend_is_all_synthetic(demo):
    assert SpendLine.objects.exists() and not SpendLine.objects.filter(synthetic=False).exists()


def test_the_finance_page_tags_synthetic_spend_and_its_charts(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(reverse("finance:index"), {"year": "2024-25"}).content.decode()
    assert 'id="synthetic-note"' in page
    # spend and spend unknown of seven clusters and the total, and the seven charts
    assert page.count('<strong class="nhsuk-tag nhsuk-tag--grey">synthetic</strong>') == 2 * 8 + 7 + 1
    assert "(synthetic spend)" in page
    welsh = client.get(reverse("finance:index"), {"year": "2024-25", "by": "neighbourhood"}, HTTP_ACCEPT_LANGUAGE="cy")
    assert 'id="synthetic-note"' in welsh.content.decode() and ">synthetig<" in welsh.content.decode()


def test_the_api_says_which_spend_is_synthetic(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    rows = client.get("/api/v1/finance/position", {"year": "2024-25"}).json()
    assert rows and all(row["synthetic"] is True for row in rows)


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "The spend in this table is synthetic"),
        ("cy", "Mae’r gwariant yn y tabl hwn yn synthetig"),
    ],
)
def test_the_paper_notes_the_synthetic_spend(demo, language, note):
    document = monitoring_document(Quarter.parse("2024-25-Q4"), language, health_board="7A2")
    assert note in docx_text(write(document, "docx"))
