"""Conditional GET and the shared response cache (cymuned.caching): a repeated request is a 304, a
change to the data makes a new ETag, and one person's response never reaches another who may see
something else."""

import gzip
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cymuned.caching import GZIP_MIN_BYTES, data_version

from .. import factories

PERIOD = "2025-26-Q1"
SUMMARY = f"/api/v1/monitoring/summary?period={PERIOD}"


@pytest.fixture
def projects(world):
    """One red project in Hywel Dda (AG) and one in Powys: the two boards' people see one each."""
    west = factories.project("HD-1", [world.ag], name="Hywel Dda project")
    east = factories.project("PO-1", [world.mid_powys], name="Powys project")
    factories.monitoring_return(west, PERIOD, target_attainment_pct=80)
    factories.monitoring_return(east, PERIOD, target_attainment_pct=80)
    return west, east


def test_a_repeated_summary_request_is_answered_304(client, world, projects):
    client.force_login(world.viewer)
    first = client.get(SUMMARY)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('W/"') and "Cookie" in first["Vary"]
    again = client.get(SUMMARY, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_cached_summary_is_the_same_as_a_fresh_one(client, world, projects):
    client.force_login(world.viewer)
    fresh = client.get(SUMMARY).json()
    cached = client.get(SUMMARY)  # from the shared cache this time
    assert cached.json() == fresh
    assert [f["code"] for f in fresh["flagged"]] == ["HD-1"]


def test_a_change_to_the_data_changes_the_etag(client, world, projects):
    west, _east = projects
    client.force_login(world.viewer)
    before = client.get(SUMMARY)
    version = data_version()
    factories.monitoring_return(west, "2025-26-Q2", target_attainment_pct=100)
    assert data_version() != version
    after = client.get(SUMMARY, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def test_a_changed_return_is_served_fresh_not_from_the_cache(client, world, projects):
    west, _east = projects
    client.force_login(world.viewer)
    assert client.get(SUMMARY).json()["rag"]["red"] == 1
    from cymuned.portfolio.models import MonitoringReturn
    from cymuned.portfolio.returns import save_return

    item = MonitoringReturn.objects.get(project=west, period=PERIOD)
    item.target_attainment_pct = 100
    save_return(item, world.editor, item.version)
    assert client.get(SUMMARY).json()["rag"]["red"] == 0


def test_one_persons_cached_summary_never_reaches_another_with_other_access(client, world, projects):
    client.force_login(world.viewer)
    theirs = client.get(SUMMARY)
    assert [f["code"] for f in theirs.json()["flagged"]] == ["HD-1"]
    client.force_login(world.other_editor)
    # The first person's ETag does not match the second person's view of the same URL.
    mine = client.get(SUMMARY, headers={"If-None-Match": theirs["ETag"]})
    assert mine.status_code == 200
    assert mine["ETag"] != theirs["ETag"]
    assert [f["code"] for f in mine.json()["flagged"]] == ["PO-1"]
    client.force_login(world.outsider)
    assert client.get(SUMMARY).json()["projects"] == 0


def test_a_new_role_changes_what_is_served(client, world, projects):
    client.force_login(world.other_editor)
    before = client.get(SUMMARY)
    assert before.json()["projects"] == 1
    from cymuned.accounts.models import RoleGrant

    RoleGrant.objects.create(user=world.other_editor, unit=world.hywel_dda, role="viewer")
    after = client.get(SUMMARY, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["projects"] == 2


def test_json_is_gzipped_for_clients_that_accept_it(client, world, projects):
    for n in range(10):  # enough flagged projects for a body worth compressing
        factories.monitoring_return(factories.project(f"HD-{n + 2}", [world.ll]), PERIOD, target_attainment_pct=80)
    client.force_login(world.admin)
    plain = client.get(SUMMARY)
    assert len(plain.content) > GZIP_MIN_BYTES
    assert "Content-Encoding" not in plain
    packed = client.get(SUMMARY, headers={"Accept-Encoding": "gzip, deflate"})
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    # other JSON too, through the gzip middleware
    schema = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert schema["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(schema.content))["info"]["title"] == "Cymuned API"


def test_the_portfolio_answers_304_to_the_same_person_only(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(f"/projects/?period={PERIOD}")  # sets the form-token cookie: named with it
    assert page.status_code == 200 and b"HD-1" in page.content
    etag = page["ETag"]
    again = client.get(f"/projects/?period={PERIOD}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    # no new policy on the 304: the browser keeps the page's own (its script nonce)
    assert "Content-Security-Policy" not in again
    client.force_login(world.editor)  # the same board, another person: their own header and form token
    other = client.get(f"/projects/?period={PERIOD}", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_the_portfolio_is_kept_for_its_person_with_fresh_form_tokens_and_nonce(world, projects):
    """A kept page is served without running the view, but never with a form token or script nonce
    it was first rendered with: each is the asking request's own, and the form token works."""
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.viewer)
    first = client.get(f"/projects/?period={PERIOD}")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/projects/?period={PERIOD}")
    assert again.status_code == 200 and b"HD-1" in again.content
    assert not any("portfolio_project" in q["sql"] for q in queries)  # served as kept
    tokens = [re.findall(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', r.content) for r in (first, again)]
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])
    assert b"__cymuned_" not in again.content
    nonces = re.findall(rb'nonce="([^"]+)"', again.content)
    assert all(n.decode() in again["Content-Security-Policy"] for n in nonces)
    # the served token is a working one: signing out with it is accepted
    assert client.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[1][0].decode()}).status_code in (200, 302)


def test_a_kept_page_never_reaches_another_person_and_a_change_renders_it_afresh(client, world, projects):
    client.force_login(world.viewer)
    client.get(f"/projects/?period={PERIOD}")
    client.force_login(world.editor)  # the same board: their own render, with their own name and buttons
    other = client.get(f"/projects/?period={PERIOD}").content.decode()
    assert world.editor.username in other or "editor" in other
    assert world.viewer.username not in other.replace(world.editor.username, "")
    client.force_login(world.viewer)
    west, _east = projects
    west.name = "Renamed project"
    west.save()
    assert b"Renamed project" in client.get(f"/projects/?period={PERIOD}").content


def test_downloads_and_writes_are_not_cached(client, world, projects):
    client.force_login(world.viewer)
    download = client.get(f"/projects/?period={PERIOD}&download=csv")
    assert "ETag" not in download


def test_a_page_that_gives_a_message_is_never_kept(rf, world, projects):
    """A message the view gives is shown once: the page carrying it is not kept to be served again."""
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    from cymuned.caching import ConditionalCacheMiddleware

    rendered = []

    def view(request):
        messages.info(request, "Saved")
        rendered.append(1)
        return HttpResponse("<p>Saved</p>")

    middleware = ConditionalCacheMiddleware(view)
    for _ in range(2):
        request = rf.get(f"/projects/?period={PERIOD}")
        request.user = world.viewer
        request._messages = CookieStorage(request)
        assert middleware(request).status_code == 200
    assert len(rendered) == 2


@pytest.mark.parametrize("path", ["/organisation/AG/", "/history/"])
def test_the_organisation_and_history_pages_are_kept_until_something_changes(client, world, projects, path):
    def without_tokens(page: bytes) -> str:  # a new form token and nonce with every response
        return re.sub(r'(value|nonce)="[A-Za-z0-9+/=_-]{20,}"', "", page.decode())

    client.force_login(world.admin)
    first = without_tokens(client.get(path).content)
    with CaptureQueriesContext(connection) as kept:
        again = without_tokens(client.get(path).content)
    assert again == first and len(kept) <= 5  # session, person, data version, roles: no page work
    world.ag.name_en = "Amman Gwendraeth renamed"
    world.ag.save()
    assert "Amman Gwendraeth renamed" in client.get(path).content.decode()


def test_a_new_release_renders_afresh_what_the_last_one_kept(client, world, projects, monkeypatch):
    """A deployment changes pages without changing the data: the ETag and the kept values are
    named by the release as well (cymuned.release), so nothing rendered before it is served after."""
    from cymuned.caching import kept

    client.force_login(world.viewer)
    before = client.get(SUMMARY)
    calls = []
    kept(world.viewer, "a value", lambda: calls.append(1) or len(calls))
    assert kept(world.viewer, "a value", lambda: calls.append(1) or len(calls)) == 1
    monkeypatch.setattr("cymuned.caching.code_version", lambda: "the next release")
    after = client.get(SUMMARY, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert kept(world.viewer, "a value", lambda: calls.append(1) or len(calls)) == 2
