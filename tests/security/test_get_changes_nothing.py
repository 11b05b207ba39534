"""Issue 11, item 13: no GET changes anything. Every route of the URL map (found by walking it, so a
new route is checked too) is fetched with GET by a national administrator, with the query strings a
form would send; the data version (the latest history id of every recorded table) must not move.
The views that only change state refuse GET outright (405)."""

import pytest
from django.urls import get_resolver

from cymuned.caching import data_version
from tests.urlmap import walk

from .test_item09_no_5xx_sweep import concrete

ROUTES = sorted(
    {route for route, _name, plain in walk(get_resolver().url_patterns) if plain and not route.startswith("admin/")}
)
# Views whose only work is a change: GET is refused by require_POST (or Django's own, for logout).
POST_ONLY = {
    "accounts/logout/",
    "outcomes/projects/<str:code>/<str:period>/link/",
    "outcomes/projects/<str:code>/<str:period>/revoke/",
}
# What the forms of the site send, tried as a query string on every route.
FORM_LIKE = [
    {},
    {"due": "2030-01-01", "name_en": "Changed", "language": "cy", "next": "/"},
    {"target_attainment_pct": "50", "rag_override": "red", "override_reason": "x", "m1": "5"},
]


@pytest.mark.parametrize("route", ROUTES)
def test_get_changes_nothing(client, filled, world, route):
    url = concrete(route, lambda options: options[0])
    client.force_login(world.national)
    before = data_version()
    for query in FORM_LIKE:
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)
        if route in POST_ONLY:
            assert response.status_code == 405, url
    assert data_version() == before, f"GET {url} changed data"


def test_the_post_only_routes_are_in_the_url_map():
    assert POST_ONLY <= set(ROUTES)
