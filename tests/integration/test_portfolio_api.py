"""The monitoring API: the same summary object as the command, limited to what the caller may see."""

import io
import json

import pytest
from django.core.management import call_command

from cymuned.orgs.models import OrgUnit

from .. import factories


@pytest.fixture
def demo(demo_for_module, db):
    """The demonstration data, loaded once for this module (tests/conftest.py)."""


def command_summary(*arguments) -> dict:
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", "--format", "json", *arguments, stdout=out)
    return json.loads(out.getvalue())


PAGING = ("flagged_total", "flagged_page", "flagged_size", "flagged_next")


def unpaged(served: dict) -> dict:
    """The API's summary without its paging keys: with every flagged project on one page, the
    command's object."""
    assert served["flagged_next"] is None and served["flagged_total"] == len(served["flagged"])
    return {key: value for key, value in served.items() if key not in PAGING}


def test_the_api_serves_the_commands_object(client, demo):
    client.force_login(factories.user("root", is_superuser=True))
    served = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4"}).json()
    assert unpaged(served) == command_summary()
    assert served["grid"]["worsening"] == {"green": 0, "amber": 2, "red": 8}
    narrowed = client.get("/api/v1/monitoring/summary?period=2024-25-Q4&cluster=nc&cluster=SC").json()
    assert unpaged(narrowed) == command_summary("--cluster", "NC", "--cluster", "SC")
    assert narrowed["projects"] == 15
    by_board = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4", "health_board": "7A2"}).json()
    assert by_board["projects"] == 54


def test_a_cluster_viewer_sees_only_their_clusters_projects(client, demo):
    client.force_login(factories.user("nc-viewer", {OrgUnit.objects.get(code="NC"): "viewer"}))
    listed = client.get("/api/v1/projects").json()
    assert listed and all("NC" in p["clusters"] for p in listed)
    assert "NC-PA" in {p["code"] for p in listed} and "TT-PAPYRUS" not in {p["code"] for p in listed}
    summary = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4"}).json()
    assert summary["projects"] == len(listed)  # every demo project has a return for the quarter
    assert {f["code"] for f in summary["flagged"]} <= {p["code"] for p in listed}
    assert all(item["cluster"] == "NC" for item in summary["finance"])
    detail = client.get("/api/v1/projects/NC-PA").json()
    assert [r["period"] for r in detail["returns"]] == ["2024-25-Q3", "2024-25-Q4"]
    assert detail["returns"][1]["status"] == "red" and detail["returns"][1]["reasons"]
    # a project one may not see answers exactly as an unknown one
    assert client.get("/api/v1/projects/TT-PAPYRUS").status_code == 404
    assert client.get("/api/v1/projects/NO-SUCH").status_code == 404


def test_an_outsider_and_the_signed_out_get_nothing(client, demo):
    assert client.get("/api/v1/projects").status_code == 401
    client.force_login(factories.user("nobody"))
    assert client.get("/api/v1/projects").json() == []
    assert client.get("/api/v1/projects/NC-PA").status_code == 404
    summary = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4"}).json()
    assert (summary["projects"], summary["flagged"], summary["finished"], summary["finance"]) == (0, [], [], [])
    assert summary["flagged_total"] == 0


def test_the_flagged_list_comes_in_pages_and_the_command_gives_it_all(client, demo):
    client.force_login(factories.user("root", is_superuser=True))
    complete = command_summary()["flagged"]
    assert len(complete) == 12  # the grid of seed 002: 10 red, and 2 amber worsening
    pages, url = [], "/api/v1/monitoring/summary?period=2024-25-Q4&flagged_size=5"
    while url:
        served = client.get(url).json()
        assert served["flagged_total"] == 12 and served["flagged_size"] == 5
        assert served["projects"] == 54 and served["coverage"]["monitored"] == 54  # counts in full on every page
        pages.append(served["flagged"])
        url = served["flagged_next"]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert [item for page in pages for item in page] == complete
    beyond = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4", "flagged_page": 9}).json()
    assert beyond["flagged"] == [] and beyond["flagged_next"] is None
    assert beyond["flagged_total"] == 12  # past the end, the total is still the whole list's
    for refused in ({"flagged_size": 0}, {"flagged_size": 1001}, {"flagged_page": 0}, {"flagged_page": "x"}):
        assert client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4", **refused}).status_code == 422
