"""Query budgets: one test per URL name of the URL map. Each page is fetched with a few rows, then
with several times as many; the second fetch must run no more queries than the first
(`django_assert_max_num_queries`), so no page does work per row shown.

Pages that still do work per row are marked xfail(strict=True) with the per-row work named: they
turn into failures (to be unmarked) the day they are fixed.
"""

from datetime import date
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
        practice = factories.practice(world.ag, patients=1000 + i)
        grow_records(world, i, project, practice)


def grow_records(world, i, project, practice) -> None:
    """One more risk, staff figure, collaborative meeting with attendance, decision and job per step."""
    from cymuned.meetings.models import Attendance, Meeting, MeetingKind, ProjectDecision
    from cymuned.risks.models import Risk, RiskAction
    from cymuned.workforce.definitions import ensure_staff_groups
    from cymuned.workforce.models import StaffGroup, StaffInPost

    risk = Risk.objects.create(
        reference=f"R-{i}",
        title=f"Risk {i}",
        unit=world.ag,
        owner=f"Owner {i % 3}",
        project=project,
        likelihood=1 + i % 5,
        consequence=1 + (i // 5) % 5,
        target_likelihood=1,
        target_consequence=1,
    )
    RiskAction.objects.create(risk=risk, description=f"Action {i}")
    risk.likelihood = 1 + (i + 1) % 5
    risk.save()  # a second history row
    ensure_staff_groups()
    group = StaffGroup.objects.order_by("pk")[i % 5]
    StaffInPost.objects.create(
        unit=practice, period=Q2, staff_group=group, headcount=1, fte=Decimal("0.5"), funding_source="core"
    )
    meeting = Meeting.objects.filter(pk=MEETING).first() or Meeting.objects.create(
        pk=MEETING, unit=world.ag, kind=MeetingKind.COLLABORATIVE, date=date(2025, 6, 1)
    )
    Attendance.objects.create(meeting=meeting, practice=practice)
    ProjectDecision.objects.create(meeting=meeting, project=project, decision="continue")
    Meeting.objects.create(unit=world.ag, kind=MeetingKind.CLUSTER, date=date(2025, 7, 1 + i % 28))
    from cymuned.jobs.models import Job

    # a number the sequence never reaches: PostgreSQL's sequence does not move for a chosen id
    if not Job.objects.filter(pk=JOB).exists():
        Job.objects.create(pk=JOB, kind="import", label="first.csv", user=world.editor)
    Job.objects.create(kind="import", label=f"file-{i}.csv", user=world.editor, state=Job.State.DONE)


JOB = MEETING = 900_001  # the job and the meeting whose pages are measured

# URL name → (path, who: "editor" or "admin", per-row work still done or "")
PAGES = {
    "home": ("/", "editor", ""),
    "portfolio:index": (f"/projects/?period={Q2}", "editor", ""),
    "portfolio:project": ("/projects/AG-0001/", "editor", ""),
    "portfolio:project_new": ("/projects/new/", "editor", ""),
    "portfolio:project_edit": ("/projects/AG-0001/edit/", "editor", ""),
    "portfolio:quarter": (f"/projects/quarter/{Q2}/", "editor", ""),
    "portfolio:changes": (f"/projects/changes/?period={Q2}", "editor", ""),
    "portfolio:cluster_options": ("/projects/clusters/?cluster=a", "editor", ""),
    "portfolio:return": (f"/projects/AG-0001/returns/{Q2}/", "editor", ""),
    "orgs:index": ("/organisation/", "editor", ""),
    "orgs:unit": ("/organisation/AG/", "editor", ""),
    "finance:index": ("/finance/", "editor", ""),
    "finance:allocation": ("/finance/allocation/", "editor", ""),
    "audit:index": ("/history/", "admin", ""),
    "audit:object": ("/history/portfolio.Project/1/", "admin", ""),
    "imports:index": ("/imports/", "editor", ""),
    "imports:upload": ("/imports/returns/", "editor", ""),
    "imports:template": ("/imports/returns/template.csv", "editor", ""),
    "jobs:index": ("/jobs/", "editor", ""),
    "jobs:job": (f"/jobs/{JOB}/", "editor", ""),
    "outcomes:index": (f"/outcomes/?period={Q2}", "editor", ""),
    "outcomes:project": ("/outcomes/projects/AG-0001/", "editor", ""),
    "outcomes:issue_link": (f"/outcomes/projects/AG-0001/{Q2}/link/", "editor", ""),
    "outcomes:revoke_links": (f"/outcomes/projects/AG-0001/{Q2}/revoke/", "editor", ""),
    "indicators:dashboard": ("/indicators/AG/?year=2024-25", "editor", ""),
    "indicators:project": ("/indicators/projects/AG-0001/", "editor", ""),
    "reports:index": ("/reports/", "editor", ""),
    "reports:monitoring": (f"/reports/monitoring/?period={Q2}", "editor", ""),
    "reports:data_pack": (f"/reports/data-pack/AG/?period={Q2}", "editor", ""),
    "reports:paper_file": ("/reports/papers/1/file/", "editor", ""),  # one file: nothing grows with rows
    "reports:committee_new": ("/reports/committees/new/", "admin", ""),
    "reports:committee": ("/reports/committees/1/", "admin", ""),
    "api-1.0.0:summary": (f"/api/v1/monitoring/summary?period={Q2}", "editor", ""),
    "api-1.0.0:projects": ("/api/v1/projects", "editor", ""),
    "api-1.0.0:project": ("/api/v1/projects/AG-0001", "editor", ""),
    "api-1.0.0:health_boards": ("/api/v1/orgs/health-boards", "editor", ""),
    "api-1.0.0:unit_detail": ("/api/v1/orgs/units/AG", "editor", ""),
    "api-1.0.0:position": ("/api/v1/finance/position", "editor", ""),
    "api-1.0.0:ranking": ("/api/v1/proposals/rounds/7A2/2026-27/ranking", "editor", ""),
    "api-1.0.0:cycle": ("/api/v1/maturity/AG/2026-27", "editor", ""),
    "api-1.0.0:register": ("/api/v1/risks/units/7A2", "editor", ""),
    "api-1.0.0:openapi-json": ("/api/v1/openapi.json", "editor", ""),
    "api-1.0.0:openapi-view": ("/api/v1/docs", "editor", ""),
    "api-1.0.0:api-root": ("/api/v1/", "editor", ""),
    "definitions:index": ("/definitions/", "editor", ""),
    "risks:index": ("/risks/", "editor", ""),
    "risks:risk": ("/risks/R-1/", "editor", ""),
    "workforce:index": ("/workforce/?period=2025-26-Q2", "editor", ""),
    "meetings:index": ("/meetings/?year=2025-26", "editor", ""),
    "meetings:compliance": ("/meetings/compliance/?year=2025-26", "editor", ""),
    "meetings:meeting": (f"/meetings/{MEETING}/", "editor", ""),
    "maturity:index": ("/maturity/", "editor", ""),
    "maturity:cycle": ("/maturity/AG/2026-27/", "editor", ""),
    "peerreview:index": ("/peer-review/", "editor", ""),
    "peerreview:draw": ("/peer-review/draw/", "admin", ""),
    "peerreview:themes": ("/peer-review/themes/", "editor", ""),
    "peerreview:review": ("/peer-review/reviews/1/", "editor", ""),
    "peerreview:letter": ("/peer-review/reviews/1/letter/", "editor", ""),
    "peerreview:action_status": ("/peer-review/actions/1/status/", "editor", ""),
    "peerreview:self_reflection": ("/peer-review/self-reflection/AG/2026-27/", "editor", ""),
    # proposals: no round in this world (404s); the pages with rows are measured in test_proposals.py
    "proposals:index": ("/proposals/", "editor", ""),
    "proposals:ranking": ("/proposals/rounds/1/", "editor", ""),
    "proposals:new": ("/proposals/rounds/1/new/", "editor", ""),
    "proposals:detail": ("/proposals/HD26-01/", "editor", ""),
    "proposals:edit": ("/proposals/HD26-01/edit/", "editor", ""),
    "proposals:submit": ("/proposals/HD26-01/submit/", "editor", ""),
    "proposals:assess": ("/proposals/HD26-01/assess/", "editor", ""),
    "proposals:add_assessor": ("/proposals/HD26-01/assessors/", "editor", ""),
    "proposals:consensus": ("/proposals/HD26-01/consensus/", "editor", ""),
    "proposals:decide": ("/proposals/HD26-01/decide/", "editor", ""),
    "proposals:create_project": ("/proposals/HD26-01/project/", "editor", ""),
    "proposals:letter_docx": ("/proposals/HD26-01/letter.docx", "editor", ""),
    "proposals:letter_pdf": ("/proposals/HD26-01/letter.pdf", "editor", ""),
    "healthz": ("/healthz", "editor", ""),
    "readyz": ("/readyz", "editor", ""),
    "metrics": ("/metrics", "editor", ""),
    "oidc_authentication_init": ("/oidc/authenticate/", "editor", ""),
    "oidc_callback": ("/oidc/callback/", "editor", ""),
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
