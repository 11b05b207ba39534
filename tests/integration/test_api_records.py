"""The read-only API of funding rounds, maturity and risks: each serves the object its command gives
(`proposals rank`, `maturity`, `risks` with --format json), and the same access rules as the pages
decide who gets it; a record one may not see answers as an unknown one."""

import io
import json
from datetime import timedelta

from django.core.management import call_command

from cymuned.periods import local_date

from .. import factories
from .test_maturity import rated  # noqa: F401 (the fixture)
from .test_proposals import load, panel  # noqa: F401 (the fixture)
from .test_risks import _risk


def command(*arguments) -> dict:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return json.loads(out.getvalue())


def test_ranking_is_the_commands_object_for_the_boards_viewers(client, world, panel):  # noqa: F811
    load(world, panel)
    url = "/api/v1/proposals/rounds/7A2/2026-27/ranking"
    client.force_login(world.viewer)
    served = client.get(url, {"budget": "10000", "sensitivity": "50"}).json()
    expected = command(
        "proposals", "rank", "--round", "2026-27", "--budget", "10000", "--sensitivity", "50", "--format", "json"
    )
    assert served == expected
    # the worked example of cymuned/proposals/ranking.py: B and A 73.33, C 60.00; A and C funded
    assert [p["code"] for p in served["proposals"]] == ["B", "A", "C"]
    assert {p["code"] for p in served["proposals"] if p["funded"]} == {"A", "C"}
    assert client.get(url, {"budget": "lots"}).status_code == 422
    assert client.get(url, {"sensitivity": "120"}).status_code == 422
    assert client.get("/api/v1/proposals/rounds/7A2/2026-28/ranking").status_code == 422
    assert client.get("/api/v1/proposals/rounds/7A7/2026-27/ranking").status_code == 404
    client.force_login(world.other_editor)  # Powys: not their board's round
    assert client.get(url).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 401


def test_maturity_cycle_is_the_commands_object_for_the_units_viewers(client, rated):  # noqa: F811
    world = rated
    url = "/api/v1/maturity/AG/2026-27"
    client.force_login(world.ag_viewer)
    served = client.get(url).json()
    assert served == command("maturity", "--unit", "AG", "--cycle", "2026-27", "--format", "json")
    leadership = next(d for d in served["domains"] if d["code"] == "leadership")
    assert leadership["ratings"] == {"n": 3, "min": 1, "median": 2, "max": 3} and leadership["disagreement"]
    assert client.get("/api/v1/maturity/ag/2027-28").json()["domains"][0]["previous_consensus"] == 2
    assert client.get("/api/v1/maturity/AG/2030-31").status_code == 404  # not assessed that cycle
    assert client.get("/api/v1/maturity/AG/2026").status_code == 422
    client.force_login(world.other_editor)
    assert client.get(url).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_risks_are_the_commands_object_limited_to_what_one_sees(client, world):
    today = local_date()
    _risk(world.hywel_dda, "1937", 2, 4, today - timedelta(days=1))
    _risk(world.ag, "572", 2, 4, today + timedelta(days=30))
    _risk(world.mid_powys, "9", 5, 5)
    client.force_login(world.viewer)
    served = client.get("/api/v1/risks/units/7A2").json()
    assert served == command("risks", "--unit", "7A2", "--format", "json")
    assert [r["reference"] for r in served["risks"]] == ["1937", "572"] and served["overdue"] == 1
    # a viewer of Amman Gwendraeth sees its register, not the board's
    client.force_login(world.ag_viewer)
    assert [r["reference"] for r in client.get("/api/v1/risks/units/AG").json()["risks"]] == ["572"]
    assert client.get("/api/v1/risks/units/7A2").status_code == 404
    assert client.get("/api/v1/risks/units/7A2", {"on": "not-a-date"}).status_code in (404, 422)
    client.force_login(world.outsider)
    assert client.get("/api/v1/risks/units/MPO").status_code == 404
    client.force_login(factories.user("powys-viewer", {world.powys: "viewer"}))
    assert [r["reference"] for r in client.get("/api/v1/risks/units/MPO").json()["risks"]] == ["9"]
