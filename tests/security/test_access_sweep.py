"""The access sweep: every page and API endpoint (from the URL map), every admin list (from the admin
registry) and every import kind (from the import registry), tried as someone signed out, someone with
no role, a viewer of one cluster, an editor of another board and a national administrator. Each must
see and change only what is theirs. A new route, admin or import kind without an entry here fails
`test_every_route_is_swept` / `test_every_import_kind_is_swept`, so nothing new goes unswept.

What each person may do is written out by hand below (not asked of the rules under test):

| person | sees | changes |
| --- | --- | --- |
| signed out | nothing | nothing |
| roleless (`outsider`) | nothing | nothing |
| `ag_viewer` (viewer of AG) | AG | nothing |
| `other_editor` (editor of Powys) | MPO, Powys | MPO, Powys |
| `national` (administrator of Wales) | everything | everything, national data too |
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import get_resolver

from cymuned.geography.models import Lsoa
from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class, kinds
from cymuned.indicators.definitions import shipped
from cymuned.indicators.loading import load as load_definitions
from cymuned.indicators.models import RegisterCount
from cymuned.outcomes.models import ExpectedReturn, Measure, MeasureKind, Provider
from cymuned.periods import local_date
from cymuned.proposals.models import Criterion, Proposal, Round
from cymuned.reports.models import Committee
from tests.urlmap import walk

from .. import factories

PERSONAS = ("signed_out", "outsider", "ag_viewer", "other_editor", "national")
SEES = {
    "signed_out": set(),
    "outsider": set(),
    "ag_viewer": {"AG"},
    "other_editor": {"MPO", "7A7"},
    "national": {"AG", "7A2", "MPO", "7A7"},
}
CHANGES = {
    "signed_out": set(),
    "outsider": set(),
    "ag_viewer": set(),
    "other_editor": {"MPO", "7A7"},
    "national": {"AG", "7A2", "MPO", "7A7"},
}
NATIONAL = {"national"}
# names that appear only on pages about each side's records
SECRETS = {
    "AG": ["Amman Gwendraeth", "Sweep Project Hywel"],
    "MPO": ["Mid Powys", "Sweep Project Powys"],
}
PERIOD = "2025-26-Q1"


@dataclass
class Sweep:
    """How to sweep one route. `who`: everyone (open), signed-in people (`signed_in`), people with a
    role (`roles`), editors of anything (`editors`), or per object: `see`/`change` of the object's
    `unit` (AG, 7A2, MPO, 7A7). `params` fill the route for each side; `method` is how it is called."""

    who: str
    params: dict[str, dict[str, str]] = field(default_factory=dict)
    query: str = ""
    method: str = "get"
    skip: str = ""  # a route with no behaviour to sweep says why


SIDES = {"AG": "AG", "MPO": "MPO"}
BOARD_OF = {"AG": "7A2", "MPO": "7A7"}

PROPOSAL = {"AG": {"code": "SW-PHD"}, "MPO": {"code": "SW-PPO"}}  # drafts, panels: their clusters
DECIDED = {"AG": {"code": "SW-DHD"}, "MPO": {"code": "SW-DPO"}}

SWEEP: dict[str, Sweep] = {
    "": Sweep("signed_in"),
    "healthz": Sweep("open"),
    "readyz": Sweep("open"),
    "oidc/authenticate/": Sweep(
        "open", skip="404 unless OpenID Connect is configured: tests/security/test_oidc_sign_in.py"
    ),
    "oidc/callback/": Sweep(
        "open", skip="404 unless OpenID Connect is configured: tests/security/test_oidc_sign_in.py"
    ),
    "metrics": Sweep("open", skip="a token or an allowed network, not a person: tests/integration/test_metrics.py"),
    "accounts/login/": Sweep("open"),
    "accounts/logout/": Sweep("signed_in", skip="POST only; signing out changes nothing of anyone's"),
    "accounts/password_change/": Sweep("signed_in"),
    "accounts/password_change/done/": Sweep("signed_in"),
    "accounts/password_reset/": Sweep("open"),
    "accounts/password_reset/done/": Sweep("open"),
    "accounts/reset/<uidb64>/<token>/": Sweep("open", skip="a reset token opens one account only"),
    "accounts/reset/done/": Sweep("open"),
    "i18n/setlang/": Sweep("open", skip="POST only; sets the language cookie"),
    "api/v1/openapi.json": Sweep("signed_in"),
    "api/v1/docs": Sweep("signed_in"),
    "api/v1/": Sweep("signed_in"),
    "api/v1/orgs/health-boards": Sweep("signed_in"),
    "api/v1/orgs/units/<code>": Sweep("see", {"AG": {"code": "AG"}, "MPO": {"code": "MPO"}}),
    "api/v1/monitoring/summary": Sweep("signed_in", query=f"?period={PERIOD}"),
    "api/v1/projects": Sweep("signed_in"),
    "api/v1/projects/<code>": Sweep("see", {"AG": {"code": "SW-HD"}, "MPO": {"code": "SW-PO"}}),
    "api/v1/finance/position": Sweep("signed_in", query="?year=2025-26"),
    "api/v1/proposals/rounds/<health_board>/<year>/ranking": Sweep(
        "change_board",
        {"AG": {"health_board": "7A2", "year": "2026-27"}, "MPO": {"health_board": "7A7", "year": "2026-27"}},
    ),
    "api/v1/maturity/<unit>/<cycle>": Sweep(
        "see", {"AG": {"unit": "AG", "cycle": "2026-27"}, "MPO": {"unit": "MPO", "cycle": "2026-27"}}
    ),
    "api/v1/risks/units/<unit>": Sweep("see", {"AG": {"unit": "AG"}, "MPO": {"unit": "MPO"}}),
    "organisation/": Sweep("signed_in"),
    "organisation/<str:code>/": Sweep("see", {"AG": {"code": "AG"}, "MPO": {"code": "MPO"}}),
    "imports/": Sweep("editors"),
    "imports/<str:kind>/": Sweep("editors", {"any": {"kind": "budgets"}}),
    "imports/<str:kind>/template.<str:fmt>": Sweep("signed_in", {"any": {"kind": "budgets", "fmt": "csv"}}),
    "jobs/": Sweep("signed_in"),
    # a job of the Powys editor's: seen by them and national administrators only
    "jobs/<int:pk>/": Sweep("job_owner", {"any": {"pk": "job:other_editor"}}),
    "projects/": Sweep("signed_in"),
    "projects/new/": Sweep("editors"),
    "projects/quarter/<str:period>/": Sweep("signed_in", {"any": {"period": PERIOD}}),
    "projects/changes/": Sweep("signed_in", query=f"?period={PERIOD}"),
    "projects/clusters/": Sweep("signed_in", query="?cluster=a"),
    "projects/<str:code>/": Sweep("see", {"AG": {"code": "SW-HD"}, "MPO": {"code": "SW-PO"}}),
    "projects/<str:code>/edit/": Sweep("change", {"AG": {"code": "SW-HD"}, "MPO": {"code": "SW-PO"}}),
    "projects/<str:code>/returns/<str:period>/": Sweep(
        "change", {"AG": {"code": "SW-HD", "period": PERIOD}, "MPO": {"code": "SW-PO", "period": PERIOD}}
    ),
    "finance/": Sweep("signed_in"),
    "finance/allocation/": Sweep("signed_in"),
    "indicators/<str:code>/": Sweep("see", {"AG": {"code": "AG"}, "MPO": {"code": "MPO"}}, query="?year=2024-25"),
    "indicators/projects/<str:code>/": Sweep("change", {"AG": {"code": "SW-HD"}, "MPO": {"code": "SW-PO"}}),
    "reports/": Sweep("signed_in"),
    "reports/monitoring/": Sweep("roles", query=f"?period={PERIOD}"),
    "reports/data-pack/<str:code>/": Sweep(
        "see", {"AG": {"code": "AG"}, "MPO": {"code": "MPO"}}, query=f"?period={PERIOD}"
    ),
    # a Powys paper written as a job of the Powys editor's: their file and national administrators'
    "reports/papers/<int:pk>/file/": Sweep("job_owner", {"any": {"pk": "job:paper"}}),
    "reports/committees/new/": Sweep("board_editors"),
    "reports/committees/<int:pk>/": Sweep(
        "change_board", {"AG": {"pk": "committee:7A2"}, "MPO": {"pk": "committee:7A7"}}
    ),
    "outcomes/": Sweep("signed_in"),
    "outcomes/projects/<str:code>/": Sweep("see", {"AG": {"code": "SW-HD"}, "MPO": {"code": "SW-PO"}}),
    "outcomes/projects/<str:code>/<str:period>/link/": Sweep(
        "change", {"AG": {"code": "SW-HD", "period": PERIOD}, "MPO": {"code": "SW-PO", "period": PERIOD}}, method="post"
    ),
    "outcomes/projects/<str:code>/<str:period>/revoke/": Sweep(
        "change", {"AG": {"code": "SW-HD", "period": PERIOD}, "MPO": {"code": "SW-PO", "period": PERIOD}}, method="post"
    ),
    "risks/": Sweep("roles"),
    "risks/<str:reference>/": Sweep("see", {"AG": {"reference": "SW-1"}, "MPO": {"reference": "SW-2"}}),
    "workforce/": Sweep("roles", query="?period=2025-26-Q1"),
    "meetings/": Sweep("roles", query="?year=2025-26"),
    "meetings/compliance/": Sweep("roles", query="?year=2025-26"),
    "meetings/<int:pk>/": Sweep("see", {"AG": {"pk": "meeting:AG"}, "MPO": {"pk": "meeting:MPO"}}),
    "proposals/": Sweep("signed_in"),
    "proposals/rounds/<int:pk>/": Sweep("change_board", {"AG": {"pk": "round:7A2"}, "MPO": {"pk": "round:7A7"}}),
    "proposals/rounds/<int:pk>/new/": Sweep("change_board", {"AG": {"pk": "round:7A2"}, "MPO": {"pk": "round:7A7"}}),
    "proposals/<str:code>/": Sweep("see", PROPOSAL),
    "proposals/<str:code>/edit/": Sweep("change", PROPOSAL),
    "proposals/<str:code>/submit/": Sweep("change", PROPOSAL, method="post"),
    "proposals/<str:code>/assess/": Sweep(
        "change", PROPOSAL, skip="only the assessors asked; tests/integration/test_proposals.py"
    ),
    "proposals/<str:code>/assessors/": Sweep("change", PROPOSAL, method="post"),
    "proposals/<str:code>/consensus/": Sweep("change", PROPOSAL, method="post"),
    "proposals/<str:code>/decide/": Sweep("change", PROPOSAL, method="post"),
    "proposals/<str:code>/project/": Sweep("change", PROPOSAL, method="post"),
    "proposals/<str:code>/letter.docx": Sweep("see", DECIDED),
    "proposals/<str:code>/letter.pdf": Sweep("see", DECIDED),
    "provide/<str:token>/": Sweep("open", {"any": {"token": "not-a-token"}}),
    "definitions/": Sweep("signed_in"),
    "maturity/": Sweep("signed_in"),
    "maturity/<str:code>/<str:cycle>/": Sweep(
        "see", {"AG": {"code": "AG", "cycle": "2026-27"}, "MPO": {"code": "MPO", "cycle": "2026-27"}}
    ),
    "peer-review/": Sweep("roles"),
    "peer-review/draw/": Sweep("national"),
    "peer-review/themes/": Sweep("roles"),
    "peer-review/reviews/<int:pk>/": Sweep("see", {"AG": {"pk": "line:7A2"}, "MPO": {"pk": "line:7A7"}}),
    "peer-review/reviews/<int:pk>/letter/": Sweep("see", {"AG": {"pk": "line:7A2"}, "MPO": {"pk": "line:7A7"}}),
    "peer-review/actions/<int:pk>/status/": Sweep(
        "change", {"AG": {"pk": "action:7A2"}, "MPO": {"pk": "action:7A7"}}, method="post"
    ),
    "peer-review/self-reflection/<str:code>/<str:cycle>/": Sweep(
        "see", {"AG": {"code": "AG", "cycle": "2026-27"}, "MPO": {"code": "MPO", "cycle": "2026-27"}}
    ),
    "history/": Sweep("roles"),
    "history/<str:label>/<str:pk>/": Sweep(
        "see",
        {
            "AG": {"label": "portfolio.Project", "pk": "project:SW-HD"},
            "MPO": {"label": "portfolio.Project", "pk": "project:SW-PO"},
        },
    ),
}


def routes() -> list[str]:
    return sorted(
        {route for route, _name, _plain in walk(get_resolver().url_patterns) if not route.startswith("admin/")}
    )


def test_every_route_is_swept():
    """A route added to the URL map without an entry here fails: say how it is to be swept."""
    missing = [route for route in routes() if route not in SWEEP]
    assert missing == [], f"add these routes to SWEEP: {missing}"
    assert not [route for route in SWEEP if route not in routes()], "SWEEP names routes that are gone"


def test_every_import_kind_is_swept():
    assert sorted(IMPORT_ROWS) == kinds(), "add each import kind to IMPORT_ROWS"


@pytest.fixture
def sweep_world(world):
    """Records on both sides: a project, return, measure, expected return, budget, committee."""
    hd = factories.project("SW-HD", [world.ag], name="Sweep Project Hywel")
    po = factories.project("SW-PO", [world.mid_powys], name="Sweep Project Powys")
    provider = Provider.objects.create(name="Sweep provider")
    for project in (hd, po):
        factories.monitoring_return(project, PERIOD, narrative=f"Narrative of {project.name}")
        Measure.objects.create(
            project=project, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind=MeasureKind.COUNT
        )
        # due a month from today, so a link issued in the sweep is alive (a dead one is refused before access)
        due = local_date() + timedelta(days=30)
        ExpectedReturn.objects.create(project=project, provider=provider, period=PERIOD, due=due)
    for cluster, code in ((world.ag, "W93001"), (world.mid_powys, "W93002")):
        made = factories.practice(cluster, code=code)
        for measure, value in (("register", 800), ("denominator", 5000)):
            RegisterCount.objects.create(
                register="hypertension", year="2024-25", area=made, measure=measure, value=value
            )
    load_definitions(shipped())
    Lsoa.objects.create(code="W01000001", name="Area 1A", local_authority="Carmarthenshire", wimd_rank=12, decile=1)
    committees = {
        board.code: Committee.objects.create(
            health_board=board,
            name_en=f"Committee {board.code}",
            name_cy="Pwyllgor",
            title_en="Report",
            title_cy="Adroddiad",
            lead_director="Director",
            reporting_officer="Officer",
        )
        for board in (world.hywel_dda, world.powys)
    }
    from cymuned.meetings.models import Meeting
    from cymuned.risks.models import Risk
    from cymuned.workforce.definitions import ensure_staff_groups
    from cymuned.workforce.models import StaffGroup, StaffInPost

    ensure_staff_groups()
    meetings = {}
    for n, (cluster, project) in enumerate(((world.ag, hd), (world.mid_powys, po)), start=1):
        Risk.objects.create(
            reference=f"SW-{n}",
            title=f"Risk of {project.name}",
            unit=cluster,
            project=project,
            likelihood=2,
            consequence=4,
            target_likelihood=1,
            target_consequence=4,
        )
        StaffInPost.objects.create(
            unit=cluster, period=PERIOD, staff_group=StaffGroup.objects.get(code="gp"), fte=1, funding_source="core"
        )
        meetings[cluster.code] = Meeting.objects.create(
            unit=cluster, kind="cluster", date=local_date(), title=f"Meeting on {project.name}"
        )
    # maturity assessments and a peer review on each side (reviewed by nobody, so each is one side's)
    from cymuned.maturity.importers import MaturityImporter
    from cymuned.maturity.loading import load_shipped
    from cymuned.peerreview.models import Action, Draw, DrawLine, Review

    load_shipped()
    MaturityImporter().run(
        IMPORT_ROWS["maturity"][0].encode() + "".join(IMPORT_ROWS["maturity"][1].values()).encode(), "m.csv"
    )
    draw = Draw.objects.create(cycle="2026-27", seed=1, drawn_on=local_date(), drawn_by_name="sweep")
    lines, actions = {}, {}
    for board, unit in ((world.hywel_dda, world.ag), (world.powys, world.mid_powys)):
        line = DrawLine.objects.create(draw=draw, health_board=board, unit=unit, outcomes=["PCMW-1", "PCMW-2", "ACD-1"])
        review = Review.objects.create(line=line, chair="Chair")
        actions[board.code] = Action.objects.create(review=review, text="Act", owner="O", organisation="HB")
        lines[board.code] = line
    rounds = {}
    for board, cluster, draft, decided in (
        (world.hywel_dda, world.ag, "SW-PHD", "SW-DHD"),
        (world.powys, world.mid_powys, "SW-PPO", "SW-DPO"),
    ):
        rounds[board.code] = Round.objects.create(health_board=board, year="2026-27")
        Criterion.objects.create(round=rounds[board.code], code="SW", name_en="Sweep", kind="scored", weight=1)
        for code, state in ((draft, "draft"), (decided, "decided")):
            proposal = Proposal.objects.create(
                round=rounds[board.code],
                code=code,
                title_en=f"Proposal {code}",
                first_year="2026-27",
                exit_strategy="Stop",
                state=state,
                decision="approved" if state == "decided" else "",
            )
            proposal.clusters.set([cluster])
    from cymuned.jobs.models import Job, JobOutput

    paper = Job.objects.create(
        kind="paper",
        label="monitoring-7A7-2025-26-Q1-en.docx",
        user=world.other_editor,
        state=Job.State.DONE,
        arguments={"health_board": "7A7", "clusters": None},
    )
    JobOutput.objects.create(job=paper, name=paper.label, content_type="application/octet-stream", data=b"PK paper")
    jobs = {
        "other_editor": Job.objects.create(kind="import", label="Mid Powys practices.csv", user=world.other_editor),
        "paper": paper,
    }
    return {
        "jobs": jobs,
        "committees": committees,
        "projects": {"SW-HD": hd, "SW-PO": po},
        "lines": lines,
        "actions": actions,
        "meetings": meetings,
        "rounds": rounds,
    }


def person(world, name):
    return None if name == "signed_out" else getattr(world, name)


def fill(route: str, params: dict[str, str], sweep_world) -> str:
    url = route
    for key, value in params.items():
        if value.startswith("committee:"):
            value = str(sweep_world["committees"][value.split(":")[1]].pk)
        elif value.startswith("meeting:"):
            value = str(sweep_world["meetings"][value.split(":")[1]].pk)
        elif value.startswith("round:"):
            value = str(sweep_world["rounds"][value.split(":")[1]].pk)
        elif value.startswith("project:"):
            value = str(sweep_world["projects"][value.split(":")[1]].pk)
        elif value.startswith("line:"):
            value = str(sweep_world["lines"][value.split(":")[1]].pk)
        elif value.startswith("action:"):
            value = str(sweep_world["actions"][value.split(":")[1]].pk)
        elif value.startswith("job:"):
            value = str(sweep_world["jobs"][value.split(":")[1]].pk)
        url = url.replace(f"<str:{key}>", value).replace(f"<int:{key}>", value).replace(f"<{key}>", value)
    return "/" + url


def expected_allowed(sweep: Sweep, name: str, side: str | None) -> bool:
    if sweep.who == "open":
        return True
    if name == "signed_out":
        return False
    return {
        "signed_in": True,
        "national": name in NATIONAL,
        "roles": bool(SEES[name]),
        "editors": bool(CHANGES[name]),
        "board_editors": bool(CHANGES[name] & {"7A2", "7A7"}),
        "see": side in SEES[name],
        "change": side in CHANGES[name],
        "change_board": BOARD_OF.get(side, "") in CHANGES[name],
        "job_owner": name == "other_editor" or name in NATIONAL,
    }[sweep.who]


ROUTE_CASES = [
    (route, side) for route, sweep in SWEEP.items() if not sweep.skip for side in (sweep.params or {"any": {}})
]


@pytest.mark.parametrize(("route", "side"), ROUTE_CASES)
def test_each_person_sees_and_changes_only_what_is_theirs(client, world, sweep_world, route, side):
    sweep = SWEEP[route]
    url = fill(route, (sweep.params or {}).get(side, {}), sweep_world) + sweep.query
    for name in PERSONAS:
        who = person(world, name)
        if who is None:
            client.logout()
        else:
            client.force_login(who)
        check(sweep, url, name, None if side == "any" else side, getattr(client, sweep.method)(url))


def check(sweep: Sweep, url: str, name: str, side: str | None, response) -> None:
    status = response.status_code
    assert status < 500, (url, name, status)
    if name == "signed_out" and sweep.who != "open":
        if url.startswith("/api/") and status != 302:
            assert status == 401, (url, status)
        else:
            assert status == 302 and "/accounts/login/" in response["Location"], (url, status)
        return
    if expected_allowed(sweep, name, side):
        # an empty post by someone allowed may be refused as data: the form shown again with its errors (400)
        allowed = (200, 302, 400) if sweep.method == "post" else (200, 302)
        assert status in allowed or (sweep.who == "open" and status == 404), (url, name, status)
    else:
        assert status in (403, 404), (url, name, status)
        if url.startswith("/api/"):
            assert response["Content-Type"].startswith("application/json"), (url, name)
    if status in (200, 400) and response.get("Content-Type", "").split(";")[0] in ("text/html", "application/json"):
        body = response.content.decode()
        for unit, names in SECRETS.items():
            if unit not in SEES.get(name, set()):
                for secret in names:
                    assert secret not in body, (url, name, secret)


# -- the admin, from its registry -----------------------------------------------------------------
# Django's own and django-tasks' queue: model permissions, superusers only
ADMIN_BY_PERMISSIONS = {"auth.User", "auth.Group", "django_tasks_database.DBTaskResult"}


def admin_models():
    return sorted(
        (model._meta.label, model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
        if model._meta.app_label.startswith(
            (
                "orgs",
                "accounts",
                "portfolio",
                "finance",
                "outcomes",
                "reports",
                "imports",
                "risks",
                "workforce",
                "meetings",
            )
        )
    )


def test_every_admin_is_decided_by_the_access_rules():
    from cymuned.accounts.access import RECORD_KINDS
    from cymuned.accounts.admin_access import AccessAdmin

    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in ADMIN_BY_PERMISSIONS or model._meta.app_label in ("axes",):
            continue
        assert isinstance(model_admin, AccessAdmin), label
        assert label in RECORD_KINDS, label


def test_admin_lists_show_only_what_is_theirs(client, world, sweep_world):
    """Every admin list, from the admin's registry, as each person made staff."""
    for name in ("outsider", "ag_viewer", "other_editor", "national"):
        who = getattr(world, name)
        who.is_staff = True
        who.save()
        client.force_login(who)
        for label, app, model in admin_models():
            response = client.get(f"/admin/{app}/{model}/")
            assert response.status_code < 500
            if not SEES[name]:
                assert response.status_code == 403, (label, name)
                continue
            assert response.status_code == 200, (label, name)
            body = response.content.decode()
            for unit, names in SECRETS.items():
                if unit not in SEES[name]:
                    for secret in names:
                        assert secret not in body, (label, name, secret)


# -- every import kind, from the registry ---------------------------------------------------------
IMPORT_ROWS = {
    "practices": (
        "ods_code,name,cluster,list_size,list_size_date\n",
        {"AG": "W93001,Sweep Surgery,AG,10,2025-01-01\n", "MPO": "W93002,Sweep Surgery,MPO,10,2025-01-01\n"},
    ),
    "projects": (
        "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n",
        {"AG": "SW-HD,Renamed,AG,T,,2024-04-01,,1\n", "MPO": "SW-PO,Renamed,MPO,T,,2024-04-01,,1\n"},
    ),
    "returns": (
        "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
        "quality,resources,stakeholders,narrative,rag_override,override_reason\n",
        {
            "AG": "SW-HD,2025-26-Q2,96,100,100,0,expected,none,engaged,,,\n",
            "MPO": "SW-PO,2025-26-Q2,96,100,100,0,expected,none,engaged,,,\n",
        },
    ),
    "budgets": ("cluster,financial_year,budget_gbp\n", {"AG": "AG,2025-26,100\n", "MPO": "MPO,2025-26,100\n"}),
    "spend": (
        "cluster,financial_year,month,project_code,amount_gbp\n",
        {"AG": "AG,2025-26,1,SW-HD,100\n", "MPO": "MPO,2025-26,1,SW-PO,100\n"},
    ),
    "wimd": (
        "lsoa_code,lsoa_name_eng,local_authority_name_eng,wimd_2019_overall_rank\n",
        {"national": "W01000001,Area 1A,Carmarthenshire,13\n"},
    ),
    "practice-lsoa": ("practice_code,lsoa_code,patients\n", {"national": "W93001,W01000001,40\n"}),
    "registers": ("data_values,year,area_code,register\n", {"national": "120,2024-25,W93001,Hypertension\n"}),
    "list-sizes": ("practice_code,date,age_band,sex,patients\n", {"national": "W93001,2025-01-01,0-4,female,40\n"}),
    "risks": (
        "id,title,owner,unit,likelihood_current,consequence_current,likelihood_target,consequence_target,status\n",
        {"AG": "SW-1,Renamed,O,AG,2,4,1,4,open\n", "MPO": "SW-2,Renamed,O,MPO,2,4,1,4,open\n"},
    ),
    "workforce": (
        "unit,period,staff_group,headcount,fte,funding_source\n",
        {"AG": "AG,2025-26-Q1,gp,1,1,core\n", "MPO": "MPO,2025-26-Q1,gp,1,1,core\n"},
    ),
    "maturity": (
        "unit,cycle,domain,rater,stage,evidence\n",
        {"AG": "AG,2026-27,leadership,Rater,2,Sweep\n", "MPO": "MPO,2026-27,leadership,Rater,2,Sweep\n"},
    ),
    "measure-values": (
        "project_code,period,measure,category,value\n",
        {"AG": "SW-HD,2025-26-Q1,referrals,,4\n", "MPO": "SW-PO,2025-26-Q1,referrals,,4\n"},
    ),
    # a round belongs to its board (editors of the board); a proposal to its clusters
    "criteria": (
        "round,health_board,code,name,kind,weight\n",
        {"7A2": "2026-27,7A2,SW,Sweep,scored,1\n", "7A7": "2026-27,7A7,SW,Sweep,scored,1\n"},
    ),
    "proposals": (
        "code,title,clusters,priority_condition,first_year,annual_cost_gbp,years,exit_strategy,additional_to_contract\n",
        {
            "AG": "SW-PHD,Renamed,AG,asthma,2026-27,1,1,Stop,yes\n",
            "MPO": "SW-PPO,Renamed,MPO,asthma,2026-27,1,1,Stop,yes\n",
        },
    ),
    "assessments": (
        "proposal,assessor,criterion,value\n",
        {"AG": "SW-PHD,outsider,SW,3\n", "MPO": "SW-PPO,outsider,SW,3\n"},
    ),
}


@pytest.mark.parametrize("kind", sorted(IMPORT_ROWS))
def test_each_person_imports_only_into_what_is_theirs(world, sweep_world, kind):
    """Each row of each kind, as each person (a dry run: checked in full, then rolled back)."""
    header, rows = IMPORT_ROWS[kind]
    for side, row in rows.items():
        for name in ("outsider", "ag_viewer", "other_editor", "national"):
            allowed = name in NATIONAL if side == "national" else side in CHANGES[name]
            importer = importer_class(kind)(user=getattr(world, name))
            if allowed:
                importer.run((header + row).encode(), f"{kind}.csv", dry_run=True)
                continue
            with pytest.raises(ImportRejected) as refused:
                importer.run((header + row).encode(), f"{kind}.csv", dry_run=True)
            for unit, names in SECRETS.items():
                if unit not in SEES[name]:
                    for secret in names:
                        assert secret not in str(refused.value), (kind, side, name, secret)


def test_csrf_is_enforced(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor)
    assert client.post("/i18n/setlang/", {"language": "cy"}).status_code == 403
    assert client.post("/imports/practices/", {}).status_code == 403
