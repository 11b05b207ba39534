"""Issue 11, item 13: what a page is asked in its query string is read once, by cymuned.edges; a value
that is not one (a period of a fifth quarter, a year or a number that is `nan`) is told or passed
over, never a server error; a view that changes a record answers only a POST."""

import pytest

from .test_proposals import load, panel  # noqa: F401  (the fixture)

BAD = {
    "period": ["2025-26-Q9", "nan", "9999-00-Q1"],
    "year": ["nan", "2025-27", "inf"],
    "on": ["2025-02-30", "nan"],
    "by": ["nan", "practice'"],
    "kind": ["nan"],
    "download": ["exe", "nan"],
    "format": ["exe"],
    "language": ["xx"],
}


@pytest.mark.parametrize("path", ["/projects/", "/finance/", "/workforce/", "/meetings/", "/outcomes/"])
def test_a_bad_parameter_is_passed_over_not_a_server_error(client, world, path):
    client.force_login(world.viewer)
    for name, values in BAD.items():
        for value in values:
            response = client.get(path, {name: value})
            assert response.status_code in (200, 302), (path, name, value, response.status_code)
            # an unknown download format is the page itself, not a file
            assert "attachment" not in response.get("Content-Disposition", ""), (path, name, value)


def test_the_ranking_tells_a_number_that_is_not_one(client, world, panel):  # noqa: F811
    round_ = load(world, panel)
    client.force_login(world.viewer)
    for query, told in (
        ({"sensitivity": "nan"}, "The sensitivity must be a percentage from 0 to 100."),
        ({"sensitivity": "150%"}, "The sensitivity must be a percentage from 0 to 100."),
        ({"budget": "inf"}, "The budget must be an amount of money like 150000 or £150,000."),
        ({"budget": "-5"}, "The budget must be an amount of money like 150000 or £150,000."),
        ({"budget": "1e999999"}, "The budget must be an amount of money like 150000 or £150,000."),
    ):
        response = client.get(f"/proposals/rounds/{round_.pk}/", query)
        assert response.status_code == 200 and told in response.content.decode(), query
    page = client.get(f"/proposals/rounds/{round_.pk}/", {"budget": "£10,000", "sensitivity": "50%"})
    assert "must be" not in page.content.decode()


def test_changing_an_actions_status_answers_only_a_post(client, world):
    client.force_login(world.editor)
    assert client.get("/peer-review/actions/1/status/").status_code == 405
