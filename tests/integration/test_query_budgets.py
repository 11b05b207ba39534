"""Query budgets: one test per URL name of the URL map. Each page is fetched with a few rows, then
with several times as many; the second fetch must run no more queries than the first
(`django_assert_max_num_queries`), so no page does work per row shown.

Pages that still do work per row are marked xfail(strict=True) with the per-row work named: they
turn into failures (to be unmarked) the day they are fixed.
"""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from cymuned.orgs.models import Kind

from .. import factories
from ..urlmap import walk

Q1, Q2 = "2025-26-Q1", "2025-26-Q2"
_made = {"n": 0}


def grow(world, n: int) -> None:
    """n more projects in Amman Gwendraeth (each with two returns, red then worsening or not) and
    n more practices in it."""
    for _ in range(n):
        i = _made["n"] = _made["n"] + 1
        project = factories.project(f"AG-{i:04d}", [world.ag], name=f"Project {i}", theme=f"Theme {i % 3}")
        factories.monitoring_return(project, Q1, target_attainment_pct=Decimal(100))
        factories.monitoring_return(project, Q2, target_attainment_pct=Decimal(50 if i % 2 else 100))
        factories.practice(world.ag, patients=1000 + i)


# URL name → (path, who: "editor" or "admin", per-row work still done or "")
PAGES = {
    "home": ("/", "editor", ""),
    "portfolio:index": (f"/projects/?period={Q2}", "editor", ""),
    "portfolio:project": ("/projects/AG-0001/", "editor", ""),
    "portfolio:project_new": ("/projects/new/", "editor", ""),
    "portfolio:project_edit": ("/projects/AG-0001/edit/", "editor", ""),
    "portfolio:quarter": (f"/projects/quarter/{Q2}/", "editor", ""),
    "portfolio:return": (f"/projects/AG-0001/returns/{Q2}/", "editor", ""),
    "orgs:index": ("/organisation/", "editor", ""),
    "orgs:unit": ("/organisation/AG/", "editor", ""),
    "finance:index": ("/finance/", "editor", ""),
    "finance:allocation": ("/finance/allocation/", "editor", ""),
    "audit:index": ("/history/", "admin", "str(record.instance) and prev_record per row"),
    "audit:object": ("/history/portfolio.Project/1/", "admin", ""),
    "imports:index": ("/imports/", "editor", ""),
    "imports:upload": ("/imports/returns/", "editor", ""),
    "imports:template": ("/imports/returns/template.csv", "editor", ""),
    "outcomes:index": (f"/outcomes/?period={Q2}", "editor", ""),
    "outcomes:project": ("/outcomes/projects/AG-0001/", "editor", ""),
    "outcomes:issue_link": (f"/outcomes/projects/AG-0001/{Q2}/link/", "editor", ""),
    "outcomes:revoke_links": (f"/outcomes/projects/AG-0001/{Q2}/revoke/", "editor", ""),
    "reports:index": ("/reports/", "editor", ""),
    "reports:monitoring": (f"/reports/monitoring/?period={Q2}", "editor", ""),
    "reports:data_pack": (f"/reports/data-pack/AG/?period={Q2}", "editor", "outcome charts read per project"),
    "reports:committee_new": ("/reports/committees/new/", "admin", ""),
    "reports:committee": ("/reports/committees/1/", "admin", ""),
    "api-1.0.0:summary": (f"/api/v1/monitoring/summary?period={Q2}", "editor", ""),
    "api-1.0.0:projects": ("/api/v1/projects", "editor", ""),
    "api-1.0.0:project": ("/api/v1/projects/AG-0001", "editor", ""),
    "api-1.0.0:health_boards": ("/api/v1/orgs/health-boards", "editor", ""),
    "api-1.0.0:unit_detail": ("/api/v1/orgs/units/AG", "editor", ""),
    "api-1.0.0:position": ("/api/v1/finance/position", "editor", ""),
    "api-1.0.0:openapi-json": ("/api/v1/openapi.json", "editor", ""),
    "api-1.0.0:openapi-view": ("/api/v1/docs", "editor", ""),
    "api-1.0.0:api-root": ("/api/v1/", "editor", ""),
    "healthz": ("/healthz", "editor", ""),
    "set_language": ("/i18n/setlang/", "editor", ""),
    "provide": ("/provide/not-a-token/", "editor", ""),
    "login": ("/accounts/login/", "editor", ""),
    "logout": ("/accounts/logout/", "editor", ""),
    "password_change": ("/accounts/password_change/", "editor", ""),
    "password_change_done": ("/accounts/password_change/done/", "editor", ""),
    "password_reset": ("/accounts/password_reset/", "editor", ""),
    "password_reset_done": ("/accounts/password_reset/done/", "editor", ""),
    "password_reset_confirm": ("/accounts/reset/x/y/", "editor", ""),
    "password_reset_complete": ("/accounts/reset/done/", "editor", ""),
}


def test_every_url_name_has_a_budget():
    """A page added to the URL map needs a budget here."""
    names = {name for route, name, _plain in walk(get_resolver().url_patterns) if not route.startswith("admin/")}
    short = {name.split(":")[-1] for name in PAGES}
    assert {name for name in names if name} <= short | {"root"}


def queries(client, path: str) -> int:
    caches["default"].clear()  # the page's own work, not a cached response
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code < 500, path
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=f"per-row work: {work}")) if work else name
        for name, (_path, _who, work) in PAGES.items()
    ],
)
def test_queries_do_not_grow_with_the_rows_shown(client, world, name, django_assert_max_num_queries):
    path, who, _work = PAGES[name]
    grow(world, 3)
    factories.practice(factories.unit(Kind.CLUSTER, "XX", parent=world.hywel_dda))
    client.force_login(world.admin if who == "admin" else world.editor)
    if name == "reports:committee":
        client.get("/reports/committees/new/")  # nothing to create: a missing committee is a 404 either way
    queries(client, path)  # warm: sessions, content types and other one-off caches
    few = queries(client, path)
    grow(world, 12)
    caches["default"].clear()
    with django_assert_max_num_queries(few):
        client.get(path)
