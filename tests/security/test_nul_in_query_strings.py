"""A NUL character in a query string (`%00`) or a form field reaches no database: PostgreSQL refuses NUL in text, and
before `cymuned.edges.NulFreeQueryMiddleware` each of these answered 500 on PostgreSQL (schemathesis
found the API's; the pages failed alike). The value then matches nothing, as it never could."""

import pytest

from .. import factories

URLS = [
    "/api/v1/projects?state=%00",
    "/api/v1/projects?cluster=A%00",
    "/api/v1/monitoring/summary?period=2025-26-Q1&cluster=%00",
    "/projects/?q=%00",
    "/projects/?cluster=%00",
    "/projects/?theme=x%00y",
    "/history/?user=%00",
    "/history/?unit=%00",
    "/organisation/?on=%00",
]


@pytest.mark.parametrize("url", URLS)
def test_a_nul_in_a_query_string_is_no_server_error(client, world, url):
    factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    client.force_login(world.admin)
    assert client.get(url).status_code < 500


def test_a_filter_with_a_nul_matches_nothing(client, world):
    factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    client.force_login(world.admin)
    assert client.get("/api/v1/projects?cluster=AG%00").json() == []
    assert [p["code"] for p in client.get("/api/v1/projects?cluster=AG").json()] == ["AG-PAIN"]


def test_a_nul_in_a_form_field_is_no_server_error(client, world):
    """The project form reads its fields itself and looks the clusters up: a NUL in them was a 500 on
    PostgreSQL. Now the form answers with its problems, and nothing is saved."""
    from cymuned.portfolio.models import Project

    client.force_login(world.editor)
    fields = {"code": "AG-N\x00UL", "name": "x\x00y", "clusters": ["AG\x00"], "start_date": "2025-04-01"}
    response = client.post("/projects/new/", fields)
    assert response.status_code == 400 and "not known cluster codes" in response.content.decode()
    assert not Project.objects.exists()
