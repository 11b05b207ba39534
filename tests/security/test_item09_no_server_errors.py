"""Issue 10, item 9: no request, form or file gives a 500. Each case below was a 500 (or a crash of
the import) on the build the issue was written against."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cymuned.imports.base import ImportRejected
from cymuned.imports.models import ImportRun
from cymuned.imports.registry import importer_class
from cymuned.organisation.importers import PracticeImporter
from cymuned.outcomes import links
from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.returns import StaleEdit, save_return

THIRTY_DIGITS = "123456789012345678901234567890"
RETURN_HEADER = (
    "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
    "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
)


@pytest.mark.parametrize(
    "query",
    [
        {"years": "inf"},
        {"years": "nan"},
        {"years": "1e999999999"},
        {"total": "1e999999"},
        {"total": THIRTY_DIGITS},
        {"weight": "nan"},
        {"cap": "-inf"},
        {"year": "9999-00"},
        {"year": "0000-01"},
    ],
)
def test_allocation_page_reads_any_query(client, filled, world, query):
    client.force_login(world.viewer)
    assert client.get(reverse("finance:allocation"), query).status_code == 200


@pytest.mark.parametrize("committee", ["abc", "1e5", "-1", "99999999999999999999999"])
def test_monitoring_paper_with_a_committee_that_is_not_a_number(client, filled, world, committee):
    client.force_login(world.viewer)
    assert client.get(reverse("reports:monitoring"), {"committee": committee}).status_code == 404


def test_return_form_with_a_version_that_is_not_a_number_shows_the_stale_page(client, filled, world):
    client.force_login(world.editor)
    url = reverse("portfolio:return", args=["AG-PAIN", "2025-26-Q1"])
    response = client.post(url, {"target_attainment_pct": "90", "version": "abc"})
    assert response.status_code == 409


@pytest.mark.parametrize("field", ["budget_gbp", "target_attainment_pct", "milestone_delay_weeks"])
def test_return_form_with_thirty_digits(client, filled, world, field):
    client.force_login(world.editor)
    url = reverse("portfolio:return", args=["AG-PAIN", "2025-26-Q2"])
    values = {"budget_gbp": "1000", "forecast_spend_gbp": "1000", field: THIRTY_DIGITS}
    response = client.post(url, values)
    assert response.status_code == 400
    assert "is implausibly large" in response.content.decode()


@time_machine.travel(dt.datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
@pytest.mark.parametrize("value", ["1e999999999", "-1e999999999", THIRTY_DIGITS, "1e-999999999"])
def test_provider_form_with_numbers_beyond_any_range(client, filled, value):
    token = links.issue(filled["expected"])
    response = client.post(reverse("provide", args=[token]), {f"m{filled['measure'].pk}": value})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("budgets", f"cluster,financial_year,budget_gbp\nAG,2025-26,{THIRTY_DIGITS}\n"),
        ("returns", RETURN_HEADER + f"AG-PAIN,2025-26-Q2,,{THIRTY_DIGITS},1,,,,,,,\n"),
        ("returns", RETURN_HEADER + f"AG-PAIN,2025-26-Q2,{THIRTY_DIGITS}.5,,,,,,,,,\n"),
        (
            "measure-values",
            f"project_code,period,measure,category,value\nAG-PAIN,2025-26-Q1,referrals,,{THIRTY_DIGITS}\n",
        ),
        ("measure-values", "project_code,period,measure,category,value\nAG-PAIN,2025-26-Q1,referrals,,1e999999999\n"),
        ("practices", "ods_code,name,cluster,list_size,list_size_date\nW00001,A,AG,1e999999999,2025-01-01\n"),
    ],
)
def test_imports_with_numbers_beyond_any_range_are_refused_clearly(filled, kind, text):
    with pytest.raises(ImportRejected) as refused:
        importer_class(kind)().run(text.encode(), f"{kind}.csv")
    assert any("implausibly large" in line or "more than" in line for line in refused.value.lines())


def test_two_people_creating_the_same_return_at_once(filled, world):
    # Both opened the form before either saved: the second save finds the return already there.
    mine = MonitoringReturn(project=filled["project"], period="2025-26-Q3", target_attainment_pct=Decimal(80))
    theirs = MonitoringReturn(project=filled["project"], period="2025-26-Q3", target_attainment_pct=Decimal(90))
    save_return(theirs, world.editor, None)
    with pytest.raises(StaleEdit) as stale:
        save_return(mine, world.editor, None)
    assert stale.value.current.pk == theirs.pk and stale.value.current.target_attainment_pct == Decimal(90)


def test_a_crashed_import_leaves_its_run_with_the_error(filled, world, monkeypatch, client):
    def crash(self, reader):
        raise RuntimeError("a bug in the importer")

    monkeypatch.setattr(PracticeImporter, "parse_row", crash)
    data = b"ods_code,name,cluster,list_size,list_size_date\nW00001,A,AG,1,2025-01-01\n"
    with pytest.raises(RuntimeError):
        PracticeImporter().run(data, "crash.csv")
    run = ImportRun.objects.get()
    assert run.outcome == "failed" and run.finished_at is not None
    assert run.problems == [
        "crash.csv: the import stopped with an unexpected error (RuntimeError); nothing was written"
    ]
    # through the page the person sees a clear refusal, not a server error
    client.force_login(world.editor)
    upload = client.post(reverse("imports:upload", args=["practices"]), {"file": _file(data, "crash.csv")}, follow=True)
    assert upload.redirect_chain[0][0].startswith("/jobs/") and upload.status_code == 200
    page = upload.content.decode()
    assert "Failed: nothing was written" in page and "unexpected error (RuntimeError)" in page
    assert ImportRun.objects.filter(outcome="failed").count() == 2


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
