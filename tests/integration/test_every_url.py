"""Every page and endpoint, tried by someone signed out, someone signed in with no role, and through a
provider link: nothing is shown that should not be."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

OPEN = {
    "login",
    "healthz",
    "set_language",
    "provide",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
SAMPLE_ARGUMENTS = {
    "code": "AG",
    "period": "2025-26-Q1",
    "kind": "practices",
    "fmt": "csv",
    "pk": "1",
    "label": "orgs.OrgUnit",
    "token": "not-a-token",
}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield prefix + str(entry.pattern), entry.name


def concrete(route: str) -> str:
    for name, value in SAMPLE_ARGUMENTS.items():
        for converter in ("str", "int", "path", "slug"):
            route = route.replace(f"<{converter}:{name}>", value)
    return "/" + route


ROUTES = sorted(
    {
        (concrete(route), name)
        for route, name in walk(get_resolver().url_patterns)
        if "<" not in concrete(route) and not route.startswith("admin/")
    }
)


def test_the_sweep_covers_the_service():
    urls = {url for url, _name in ROUTES}
    assert {
        "/organisation/AG/",
        "/projects/",
        "/finance/",
        "/outcomes/",
        "/reports/monitoring/",
        "/imports/practices/",
    } <= urls
    assert len(ROUTES) > 25


@pytest.mark.parametrize(("url", "name"), ROUTES)
def test_signed_out_people_get_nothing(client, world, url, name):
    response = client.get(url)
    if name in OPEN:
        assert response.status_code in (200, 302, 404, 405)
        return
    if url.startswith("/api/") and response.status_code != 302:
        assert response.status_code in (401, 404), url
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize(("url", "name"), ROUTES)
def test_people_without_a_role_see_no_records(client, world, url, name):
    client.force_login(world.outsider)
    response = client.get(url)
    assert response.status_code != 500
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        assert "Amman Gwendraeth" not in body and "Mid Powys" not in body, url


def test_csrf_is_enforced(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor)
    assert client.post("/i18n/setlang/", {"language": "cy"}).status_code == 403
    assert client.post("/imports/practices/", {}).status_code == 403
