"""Issue 11 item 12, issue 13 item 11 and issue 14: `/history/` lists every change a person may see a
page at a time, each page leading to the older one (keyset pagination: no page counts them all), filtered by date, person, kind of record and organisation unit,
in a number of queries that does not grow with the rows; access is decided as before by
`cymuned.accounts.access`."""

import re
from datetime import UTC, datetime
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cymuned.audit.changes import PAGE_SIZE
from cymuned.orgs.models import OrgUnit

from .. import factories


def rename(unit, name, user):
    unit.name_en = name
    unit._history_user = user
    unit.save()


def page(client, **query) -> str:
    response = client.get("/history/", query)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> int:
    return len(re.findall(r'<tr class="nhsuk-table__row" role="row">\s*<td', html))


def older(html: str) -> dict[str, str]:
    """The query of the page's "Older changes" link."""
    found = re.search(r'href="\?([^"]*)"><span class="nhsuk-pagination__title">Older changes', html)
    assert found, "no link to older changes"
    return dict(parse_qsl(unescape(found.group(1))))


def test_the_history_is_paged_newest_first_each_page_leading_to_the_older_one(client, world):
    for n in range(2 * PAGE_SIZE + 10):
        rename(world.ll, f"Llanelli {n}", world.editor)
    client.force_login(world.admin)
    total = OrgUnit.history.count()  # every recorded change the superuser may see, all of them units here
    first = page(client, model="orgs.OrgUnit")
    assert rows(first) == PAGE_SIZE
    assert f"Changes 1 to {PAGE_SIZE}, newest first." in first and "Newest changes" not in first
    assert "→ Llanelli 109<" in first and "→ Llanelli 59<" not in first  # newest first: 109 … 60
    second = page(client, **older(first))
    assert older(first)["model"] == "orgs.OrgUnit"  # the filters are kept from page to page
    assert rows(second) == PAGE_SIZE
    assert f"Changes {PAGE_SIZE + 1} to {2 * PAGE_SIZE}, newest first." in second
    assert "→ Llanelli 59<" in second and "→ Llanelli 60<" not in second and "→ Llanelli 9<" not in second
    last = page(client, **older(second))
    assert rows(last) == total - 2 * PAGE_SIZE
    assert f"Changes {2 * PAGE_SIZE + 1} to {total}, newest first." in last
    assert "Older changes" not in last and 'href="?model=orgs.OrgUnit"' in last  # back to the newest
    # a cursor that is no cursor shows the newest page rather than failing
    for nonsense in ("x", "2025-01-01~orgs.OrgUnit~1~0", "2025-01-01T00:00:00+00:00~a~-1~0", "a~b~c~d"):
        assert rows(page(client, model="orgs.OrgUnit", after=nonsense)) == PAGE_SIZE


@pytest.mark.parametrize("size", [1, 3, 7, 20])
def test_paging_through_changes_of_one_moment_shows_each_once_in_order(world, size):
    """An import writes many records with one timestamp, of several kinds: the pages, followed one
    after another, give every change once, in the order of the whole list (newest first, then by
    kind of record, then newest record first)."""
    from cymuned.audit.changes import Filters, page_of_changes, tracked_models
    from cymuned.portfolio.models import Project

    for n in range(6):
        rename(world.ll, f"Llanelli {n}", world.editor)
        factories.project(f"AG-{n:04d}", [world.ag], name=f"Project {n}")
    moment = datetime(2025, 6, 1, 9, tzinfo=UTC)
    for model in (OrgUnit, Project):
        model.history.all().update(history_date=moment)  # type: ignore[attr-defined]
    OrgUnit.history.filter(history_id__in=OrgUnit.history.order_by("history_id").values("history_id")[:2]).update(
        history_date=datetime(2025, 5, 1, tzinfo=UTC)
    )
    kinds = sorted(tracked_models(), key=lambda m: m._meta.label)
    expected = sorted(
        (
            (r.history_date, kinds.index(model), r.history_id)
            for model in kinds
            for r in model.history.all()  # type: ignore[attr-defined]
        ),
        reverse=True,
    )
    seen = []
    page_, changes = page_of_changes(Filters(), None, None, size)
    seen += [(c.when, c.model, c.object_id) for c in changes]
    while page_.older is not None:
        page_, changes = page_of_changes(Filters(), None, page_.older, size)
        seen += [(c.when, c.model, c.object_id) for c in changes]
    assert len(seen) == len(expected) > size  # more than one page
    want = []
    for when, kind, history_id in expected:
        record = kinds[kind].history.get(history_id=history_id)  # type: ignore[attr-defined]
        want.append((when, str(kinds[kind]._meta.verbose_name), getattr(record, kinds[kind]._meta.pk.attname)))
    assert seen == want


def test_a_page_costs_the_same_queries_however_many_changes_and_kinds_it_shows(client, world):
    def count(**query) -> int:
        caches["default"].clear()  # the page's own work, not a kept copy of it
        with CaptureQueriesContext(connection) as captured:
            page(client, **query)
        return len(captured)

    client.force_login(world.editor)
    project = factories.project("AG-0001", [world.ag])
    factories.monitoring_return(project, "2025-26-Q1", target_attainment_pct=100)
    factories.practice(world.ag)
    page(client)  # sessions and other one-off look-ups
    few = count()
    for n in range(40):
        more = factories.project(f"AG-1{n:03d}", [world.ag, world.ll] if n % 2 else [world.ag])
        factories.monitoring_return(more, "2025-26-Q1", target_attainment_pct=90 + n % 20)
        factories.practice(world.ag)
        rename(world.ag, f"Amman {n}", world.editor)
    assert count() <= few
    first = page(client)
    assert count(**older(first)) <= few


def test_the_history_is_filtered_by_date_in_wales(client, world):
    rename(world.ll, "Llanelli May", world.editor)
    rename(world.ll, "Llanelli June", world.editor)
    june, may, created = list(OrgUnit.history.filter(id=world.ll.pk).order_by("-history_id")[:3])
    type(created).objects.filter(pk=created.pk).update(history_date=datetime(2025, 1, 1, tzinfo=UTC))
    # 23:30 UTC on 31 May 2025 is 00:30 BST on 1 June in Wales: a change of 1 June there
    type(may).objects.filter(pk=may.pk).update(history_date=datetime(2025, 5, 31, 22, 30, tzinfo=UTC))
    type(june).objects.filter(pk=june.pk).update(history_date=datetime(2025, 5, 31, 23, 30, tzinfo=UTC))
    client.force_login(world.admin)
    on_june_1 = page(client, **{"from": "2025-06-01", "to": "2025-06-01"})
    assert "Llanelli May → Llanelli June" in on_june_1 and "Llanelli → Llanelli May" not in on_june_1
    assert rows(on_june_1) == 1
    in_may = page(client, **{"from": "2025-05-01", "to": "2025-05-31"})
    assert "Llanelli → Llanelli May" in in_may and "→ Llanelli June" not in in_may
    assert rows(in_may) == 1
    since_may = page(client, **{"from": "2025-05-31"})
    assert "Llanelli → Llanelli May" in since_may and "→ Llanelli June" in since_may


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"from": "31/05/2025"}, "The first date is not a date"),
        ({"to": "2025-02-30"}, "The last date is not a date"),
        ({"from": "2025-06-02", "to": "2025-06-01"}, "The first date is after the last."),
        ({"from": "1e999999"}, "The first date is not a date"),
    ],
)
def test_a_date_that_is_no_date_is_named_not_a_server_error(client, world, query, problem):
    client.force_login(world.admin)
    assert problem in page(client, **query)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ({"to": "9999-12-31"}, True),
        ({"from": "0001-01-01"}, True),
        ({"from": "9999-12-31"}, False),
        ({"after": "0001-01-01T00:00:00+14:00~orgs.OrgUnit~1~0"}, True),  # no moment in UTC: the newest page
        ({"after": "9999-12-31T23:59:59-12:00~orgs.OrgUnit~1~0"}, True),  # everything is
        ({"after": "2025-01-01T00:00:00+00:00~orgs.OrgUnit~99999999999999999999999~0"}, False),  # past any id, in 2025
        ({"after": "0001-01-01T12:00:00+00:00~orgs.OrgUnit~1~0"}, False),  # nothing is older
    ],
)
def test_the_ends_of_the_calendar_are_answered_not_a_server_error(client, world, query, listed):
    """A date or a cursor at the ends of what Python and the databases hold (on SQLite a moment is
    compared in UTC, and 9999-12-31 has no next day) lists what it can rather than failing."""
    rename(world.ll, "Llanelli renamed", world.editor)
    client.force_login(world.admin)
    client.raise_request_exception = True
    assert ("Llanelli renamed" in page(client, **query)) is listed


def test_the_history_is_filtered_by_person_and_kind_of_record(client, world):
    rename(world.ll, "Llanelli by the editor", world.editor)
    rename(world.ag, "Amman by the viewer", world.viewer)
    factories.project("AG-0001", [world.ag], name="A project")
    client.force_login(world.admin)
    by_editor = page(client, user="EDITOR")  # a user name in any case
    assert "Llanelli by the editor" in by_editor and "Amman by the viewer" not in by_editor
    projects = page(client, model="portfolio.Project")
    assert "A project" in projects and "Llanelli by the editor" not in projects
    assert "Organisation unit:" not in projects
    assert "No changes match." in page(client, user="nobody")


def test_the_history_is_filtered_by_unit_and_everything_beneath_it(client, world):
    factories.project("AG-0001", [world.ag], name="Amman project")
    factories.project("LL-0001", [world.ll], name="Llanelli project")
    factories.project("MPO-0001", [world.mid_powys], name="Powys project")
    surgery = factories.practice(world.ag)
    rename(surgery, "Amman surgery", world.editor)
    client.force_login(world.editor)
    in_ag = page(client, unit="ag")
    assert "Amman project" in in_ag and "Amman surgery" in in_ag
    assert "Llanelli project" not in in_ag and "Powys project" not in in_ag
    in_board = page(client, unit="7A2")  # Hywel Dda: its clusters and their records
    assert "Amman project" in in_board and "Llanelli project" in in_board and "Powys project" not in in_board


def test_a_unit_the_person_may_not_see_reads_like_an_unknown_one_and_access_is_unchanged(client, world):
    factories.project("MPO-0001", [world.mid_powys], name="Powys project")
    factories.project("AG-0001", [world.ag], name="Amman project")
    client.force_login(world.editor)  # Hywel Dda only
    hidden = page(client, unit="MPO")
    unknown = page(client, unit="ZZZ")
    assert "No organisation unit has the code MPO." in hidden
    assert "No organisation unit has the code ZZZ." in unknown
    assert "Powys project" not in hidden and rows(hidden) == rows(unknown) == 1  # the "No changes match." row
    assert "Powys project" not in page(client)
    client.force_login(world.other_editor)  # Powys only
    assert "Amman project" not in page(client, unit="7A2") and "Amman project" not in page(client)
    assert "Powys project" in page(client, unit="MPO")
    client.force_login(world.outsider)
    assert client.get("/history/", {"unit": "AG"}).status_code == 403


def test_a_change_of_clusters_reads_as_cluster_codes(client, world):
    from cymuned.portfolio.projects import save_project

    project = factories.project("AG-0001", [world.ag], name="Shared")
    project.refresh_from_db()
    save_project(project, [world.ag, world.ll], world.editor, project.version)
    client.force_login(world.admin)
    shown = page(client, model="portfolio.Project")
    assert "AG → AG, LL" in shown
