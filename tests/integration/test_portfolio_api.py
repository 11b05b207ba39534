"""The monitoring API: the same summary object as the command, limited to what the caller may see."""

import io
import json

import pytest
from django.core.management import call_command

from cymuned.orgs.models import OrgUnit

from .. import factories


@pytest.fixture
def demo(db):
    call_command("setup-demo", stdout=io.StringIO())


def command_summary(*arguments) -> dict:
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", "--format", "json", *arguments, stdout=out)
    return json.loads(out.getvalue())


def test_the_api_serves_the_commands_object(client, demo):
    client.force_login(factories.user("root", is_superuser=True))
    served = client.get("/api/v1/monitoring/summary", {"period": "2024-25-Q4"}).json()
    assert served == command_summary()
    assert served["grid"]["worsening"] == {"green": 0, "amber": 2, "red": 8}
    narrowed = client.get("/api/v1/monitoring/summary?period=2024-25-Q4&cluster=nc&cluster=SC").json()
    assert narrowed == command_summary("--cluster", "NC", "--cluster", "SC")
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
