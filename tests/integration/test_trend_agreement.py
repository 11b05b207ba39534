"""One definition of trend, read by every route: the portfolio list (page, filter, download), the
project page, the project API, the summary API and the committee paper agree on series with blank
returns, and keep agreeing when a return is changed, imported or deleted.

The expected trends are worked by hand from the rule in issue 11 item 1: a return is compared with
the most recent earlier return that has a status; with none, it is stable.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.rag import Rag, Trend

from .. import factories

Q1, Q2, Q3 = "2025-26-Q1", "2025-26-Q2", "2025-26-Q3"
TARGET = {"green": Decimal(100), "amber": Decimal(97), "red": Decimal(50)}
# code: statuses in Q1, Q2, Q3 ("" a return with nothing assessed, None no return) → trend in Q3
SERIES = {
    "AG-A": (("red", "", "green"), "improving"),  # the example: "stable" in the list before
    "AG-B": (("green", "", "red"), "worsening"),
    "AG-C": (("", "", "amber"), "stable"),
    "AG-D": (("amber", None, "amber"), "stable"),
    "AG-E": (("red", "amber", ""), ""),  # nothing assessed in Q3: no trend
}


def returned(project, period, status):
    if status is None:
        return None
    metrics = {"target_attainment_pct": TARGET[status]} if status else {}
    return factories.monitoring_return(project, period, **metrics)


@pytest.fixture
def series(world):
    for code, (statuses, _trend) in SERIES.items():
        project = factories.project(code, [world.ag], name=f"Project {code}")
        for period, status in zip((Q1, Q2, Q3), statuses, strict=True):
            returned(project, period, status)
    return world


def trends_everywhere(client) -> dict[str, dict[str, str]]:
    """The Q3 trend of every project as each route reports it."""
    seen: dict[str, dict[str, str]] = {}
    download = client.get(reverse("portfolio:index"), {"period": Q3, "download": "csv"})
    for row in csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))):
        seen.setdefault(row["code"], {})["list download"] = row["trend"]
    for trend in Trend:
        listed = client.get(reverse("portfolio:index"), {"period": Q3, "trend": trend.value}).context["page"]
        for project in listed:
            seen.setdefault(project.code, {})["list filter"] = trend.value
    for code in SERIES:
        page = client.get(reverse("portfolio:project", args=[code])).context["history"]
        seen.setdefault(code, {})["project page"] = next(str(r["trend"]) for r in page if r["item"].period == Q3)
        api = client.get(f"/api/v1/projects/{code}").json()["returns"]
        seen[code]["project API"] = next(r["trend"] for r in api if r["period"] == Q3)
    return seen


def test_every_route_agrees_with_the_hand_worked_trends(client, series):
    client.force_login(series.viewer)
    seen = trends_everywhere(client)
    for code, (_statuses, expected) in SERIES.items():
        routes = seen[code]
        if expected:
            assert routes == dict.fromkeys(("list download", "list filter", "project page", "project API"), expected)
        else:  # no status in Q3: no trend anywhere, and in no trend filter
            assert routes == {"list download": "", "project page": "", "project API": ""}, code

    summary = client.get("/api/v1/monitoring/summary", {"period": Q3}).json()
    assert summary["grid"] == {
        "improving": {"green": 1, "amber": 0, "red": 0},  # AG-A
        "stable": {"green": 0, "amber": 2, "red": 0},  # AG-C, AG-D
        "worsening": {"green": 0, "amber": 0, "red": 1},  # AG-B
    }
    assert [(f["code"], f["trend"]) for f in summary["flagged"]] == [("AG-B", "worsening")]

    # the paper reads the same summary: one improving of four, one worsening, and AG-B flagged
    paper = client.get(reverse("reports:monitoring"), {"period": Q3}).content.decode()
    assert "25% of projects (one) have an improving trend (green)." in paper
    assert "50% of projects (two) are stable (amber)." in paper
    assert "Project AG-B (AG)" in paper and "Project AG-A (AG)" not in paper


def test_a_changed_return_moves_the_trend_after_it_everywhere(client, series):
    client.force_login(series.editor)
    first = MonitoringReturn.objects.get(project__code="AG-A", period=Q1)
    response = client.post(
        reverse("portfolio:return", args=["AG-A", Q1]),
        {"target_attainment_pct": "100", "version": first.version},
    )
    assert response.status_code == 302
    seen = trends_everywhere(client)["AG-A"]
    assert set(seen.values()) == {"stable"}  # green, blank, green


def test_an_imported_return_fills_the_gap(client, series, tmp_path):
    header = (
        "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
        "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
    )
    path = tmp_path / "returns.csv"
    # AG-C's blank Q2 becomes red: its Q3 amber now improves on it; AG-D gains a green Q2
    path.write_text(header + "AG-C,2025-26-Q2,50,,,,,,,,,\nAG-D,2025-26-Q2,100,,,,,,,,,\n")
    call_command("import", "returns", str(path), verbosity=0)
    client.force_login(series.viewer)
    seen = trends_everywhere(client)
    assert set(seen["AG-C"].values()) == {"improving"}
    assert set(seen["AG-D"].values()) == {"worsening"}  # amber after green
    stored = MonitoringReturn.objects.get(project__code="AG-D", period=Q2)
    assert (stored.previous_status, stored.trend) == ("amber", "improving")


def test_a_deleted_return_is_skipped_over(client, series):
    MonitoringReturn.objects.get(project__code="AG-B", period=Q1).delete()
    client.force_login(series.viewer)
    assert set(trends_everywhere(client)["AG-B"].values()) == {"stable"}  # red with nothing before it
    client.force_login(series.admin)
    second = MonitoringReturn.objects.get(project__code="AG-E", period=Q2)
    response = client.post(reverse("admin:portfolio_monitoringreturn_delete", args=[second.pk]), {"post": "yes"})
    assert response.status_code == 302
    # AG-E's Q3 has no status, but it now stands after Q1's red
    assert MonitoringReturn.objects.get(project__code="AG-E", period=Q3).previous_status == Rag.RED


def test_a_return_moved_to_another_period_in_the_admin_restates_both_places(client, series):
    client.force_login(series.admin)
    moved = MonitoringReturn.objects.get(project__code="AG-A", period=Q1)  # red
    url = reverse("admin:portfolio_monitoringreturn_change", args=[moved.pk])
    form = {
        "project": moved.project_id,
        "period": "2025-26-Q4",
        "target_attainment_pct": "50",
        "opened_version": moved.version,  # the admin refuses a stale form (issue 10 item 14)
    }
    assert client.post(url, form).status_code == 302
    stored = dict(MonitoringReturn.objects.filter(project__code="AG-A").values_list("period", "trend"))
    # Q3 green has nothing before it now; the red Q4 worsens on it
    assert stored == {Q2: "", Q3: "stable", "2025-26-Q4": "worsening"}
