"""Issue 12 item 14: one early return for a new quarter does not turn pages and papers to it, and
every page, paper and summary says how many monitored projects have a return.

Figures worked by hand: five running projects in Amman Gwendraeth with a 2025-26 Q1 return, one of
them also with a Q2 return (1 of 5 = 20 %, below the 80 % threshold), and a finished project with no
end date and no return, which is not monitored.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from cymuned.periods import Quarter
from cymuned.portfolio.models import Project
from cymuned.portfolio.queries import coverage, default_period

from .. import factories

Q1, Q2 = "2025-26-Q1", "2025-26-Q2"
CODES = ["AG-1", "AG-2", "AG-3", "AG-4", "AG-5"]


@pytest.fixture
def early(world):
    for code in CODES:
        project = factories.project(code, [world.ag], name=f"Project {code}")
        factories.monitoring_return(project, Q1, target_attainment_pct=Decimal(100))
    factories.monitoring_return(project, Q2, target_attainment_pct=Decimal(50))
    factories.project("AG-OLD", [world.ag], state="finished")
    return world


def test_the_default_quarter_is_the_latest_substantially_in(client, early):
    assert default_period() == Q1
    client.force_login(early.viewer)
    assert client.get(reverse("portfolio:index")).context["filters"].period == Q1
    assert client.get(reverse("reports:monitoring")).context["period"] == Q1


def test_pages_api_and_paper_state_coverage(client, early):
    client.force_login(early.viewer)
    line = "1 of 5 monitored projects have a return for this quarter; missing: AG-1, AG-2, AG-3, AG-4."
    for url in (reverse("portfolio:quarter", args=[Q2]), reverse("portfolio:index") + f"?period={Q2}"):
        page = client.get(url).content.decode()
        assert line in page and "Incomplete quarter" in page, url
    page = client.get(reverse("portfolio:quarter", args=[Q1])).content.decode()
    assert "5 of 5 monitored projects have a return for this quarter." in page and "Incomplete" not in page
    summary = client.get("/api/v1/monitoring/summary", {"period": Q2}).json()
    assert summary["coverage"] == {"monitored": 5, "with_return": 1, "missing": ["AG-1", "AG-2", "AG-3", "AG-4"]}
    paper = client.get(reverse("reports:monitoring"), {"period": Q2}).content.decode()
    assert "This paper is incomplete: fewer than 80% of the monitored projects have a return" in paper
    assert line in paper
    assert paper.index("This paper is incomplete") < paper.index("SBAR")  # on its first page
    complete = client.get(reverse("reports:monitoring"), {"period": Q1}).content.decode()
    assert "incomplete" not in complete and "5 of 5 monitored projects have a return" in complete


def test_a_scope_counts_its_own_returns_once(early):
    """The coverage of a scope counts the scope's projects with a return, each once, also when the
    scope is a join that lists a project once per cluster (a project in Amman Gwendraeth and
    Llanelli). Worked by hand: Q1 in Amman Gwendraeth has the five returns of the fixture and the
    shared project's; Llanelli only the shared one and LL-1's; all projects 7 of 7 (the finished
    AG-OLD has no return and is not monitored)."""
    shared = factories.project("AG-LL", [early.ag, early.ll])
    factories.monitoring_return(shared, Q1, target_attainment_pct=Decimal(100))
    factories.monitoring_return(factories.project("LL-1", [early.ll]), Q1, target_attainment_pct=Decimal(100))
    quarter = Quarter.parse(Q1)
    both = Project.objects.filter(clusters__in=[early.ag, early.ll])  # AG-LL appears twice in the join
    assert both.count() == 9 and both.distinct().count() == 8  # AG-OLD: finished, not monitored
    counted = coverage(quarter, both)
    assert (counted.with_return, counted.monitored) == (7, 7)
    in_ll = Project.objects.filter(clusters=early.ll)
    assert coverage(quarter, in_ll).as_dict() == {"monitored": 2, "with_return": 2, "missing": []}
    assert coverage(quarter, Project.objects.all()).with_return == 7
    assert coverage(Quarter.parse(Q2), in_ll).as_dict() == {
        "monitored": 2,
        "with_return": 0,
        "missing": ["AG-LL", "LL-1"],
    }
