"""Issue 10, item 9: random query strings and form fields thrown at every page and API endpoint
(found from the URL map, so a new route is swept too) never give a server error."""

import os

import pytest
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.urlmap import walk

SWEEP = settings(
    max_examples=int(os.environ.get("SWEEP_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    "0",
    "-1",
    "1",
    "abc",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "123456789012345678901234567890",
    "1.5",
    "2025-26-Q1",
    "2025-26",
    "9999-00",
    "0000-01",
    "0000-01-Q1",
    "2025-02-30",
    "2025-04-01",
    "AG",
    "AG-PAIN",
    "7A2",
    "csv",
    "xlsx",
    "docx",
    "pdf",
    "cy",
    "both",
    "neighbourhood",
    "orgs.OrgUnit",
    "<!--<script>",
    "%00",
    "\x00",
    "a\nb",
    "١٢٣",
    "x" * 300,
]
KEYS = [
    "period",
    "year",
    "years",
    "total",
    "weight",
    "cap",
    "on",
    "by",
    "committee",
    "board",
    "language",
    "download",
    "page",
    "sort",
    "recalculate",
    "version",
    "model",
    "user",
    "q",
    "cluster",
    "health_board",
    "state",
    "rag",
    "trend",
    "theme",
    "condition",
    "code",
    "name",
    "clusters",
    "start_date",
    "end_date",
    "annual_budget_gbp",
    "target_attainment_pct",
    "budget_gbp",
    "forecast_spend_gbp",
    "milestone_delay_weeks",
    "quality",
    "narrative",
    "rag_override",
    "override_reason",
    "due",
    "meeting_date",
    "name_en",
    "limit",
    "offset",
    "m1",
    "m1-back",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))
fields = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), values, max_size=6)


ARGUMENTS = {
    "code": ["AG", "AG-PAIN", "ZZ", "7A2"],
    "period": ["2025-26-Q1", "2025-26-Q2", "9999-00-Q1", "x"],
    "kind": ["practices", "returns", "measure-values", "nope"],
    "fmt": ["csv", "xlsx", "pdf"],
    "pk": ["1", "999999"],
    "label": ["orgs.OrgUnit", "portfolio.Project", "nope.Nope"],
    "token": ["not-a-token"],
    "unit_code": ["AG", "ZZ"],
}
ROUTES = sorted(
    {route for route, _name, plain in walk(get_resolver().url_patterns) if plain and not route.startswith("admin/")}
)


def concrete(route: str, choose) -> str | None:
    import re

    def fill(match):
        name = match.group(2)
        return choose(ARGUMENTS.get(name, ["1"]))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def test_the_sweep_sees_pages_and_api():
    assert any(r.startswith("api/v1/") for r in ROUTES) and "finance/allocation/" in ROUTES
    assert len(ROUTES) > 25


@pytest.fixture
def people(filled, world):
    return {"admin": world.admin, "editor": world.editor, "other": world.other_editor}


@SWEEP
@given(
    route=st.sampled_from(ROUTES),
    data=st.data(),
    who=st.sampled_from(["admin", "editor", "other"]),
    method=st.sampled_from(["get", "get", "post"]),
    query=fields,
)
def test_no_request_gives_a_server_error(client, people, route, data, who, method, query):
    url = concrete(route, lambda options: data.draw(st.sampled_from(options)))
    if url.rstrip("/").endswith(("logout", "setlang")):
        return  # signing out or changing language is not a page to sweep
    client.force_login(people[who])
    client.raise_request_exception = True  # an exception fails the test with its traceback
    if method == "get":
        response = client.get(url, query)
    else:
        response = client.post(url, query)
    assert response.status_code < 500, (method, url, query, response.status_code)
