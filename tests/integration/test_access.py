"""Who may see and change what: every rule is checked from both sides."""

import pytest
from django.urls import reverse

from cymuned.accounts.rules import can_edit, can_view, strongest, visible_unit_ids
from cymuned.orgs.models import Kind

from .. import factories


def test_roles_cover_the_unit_and_what_lies_beneath(world):
    practice = factories.practice(world.ag)
    assert can_view(world.viewer, world.hywel_dda)
    assert can_view(world.viewer, practice)
    assert not can_edit(world.viewer, world.ag)
    assert can_edit(world.editor, practice)
    assert not can_view(world.other_editor, world.ag)
    assert can_edit(world.other_editor, world.mid_powys)
    assert not can_view(world.outsider, world.ag)
    assert can_edit(world.admin, world.ag)


def test_strongest_role_wins():
    assert strongest({1: "viewer", 2: "editor"}, [3, 2, 1]) == "editor"
    assert strongest({1: "viewer"}, [2, 3]) is None


def test_visible_units_are_the_grant_and_its_descendants(world):
    visible = visible_unit_ids(world.viewer)
    assert {world.hywel_dda.pk, world.ag.pk, world.ll.pk} <= visible
    assert world.mid_powys.pk not in visible and world.powys.pk not in visible
    assert visible_unit_ids(world.admin) is None
    assert visible_unit_ids(world.outsider) == set()


@pytest.mark.parametrize("url", ["/", "/organisation/", "/organisation/AG/", "/imports/", "/admin/"])
def test_signed_out_people_see_only_the_sign_in_page(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_sign_in_page_and_health_check_are_open(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    response = client.get(reverse("readyz"))
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_api_refuses_the_signed_out(client, world):
    assert client.get("/api/v1/orgs/health-boards").status_code == 401


def test_viewer_of_one_board_cannot_see_another_boards_clusters(client, world):
    client.force_login(world.viewer)
    assert client.get(reverse("orgs:unit", args=["AG"])).status_code == 200
    assert client.get(reverse("orgs:unit", args=["MPO"])).status_code == 403
    assert client.get("/api/v1/orgs/units/MPO").status_code == 404  # reads as unknown
    listed = client.get(reverse("orgs:index")).content.decode()
    assert "Hywel Dda" in listed and "Powys" not in listed
    codes = [b["code"] for b in client.get("/api/v1/orgs/health-boards").json()]
    assert codes == ["7A2"]


def test_viewer_cannot_reach_import_pages_but_editor_can(client, world):
    client.force_login(world.viewer)
    assert client.get(reverse("imports:index")).status_code == 403
    assert client.get(reverse("imports:upload", args=["practices"])).status_code == 403
    client.force_login(world.editor)
    assert client.get(reverse("imports:upload", args=["practices"])).status_code == 200


def test_editor_of_another_board_cannot_import_into_this_one(client, world):
    client.force_login(world.other_editor)
    upload = factories_csv("ods_code,name,cluster,list_size,list_size_date\nW91001,Glan Aman,AG,10,2025-01-01\n")
    # the import runs as a job (at once in tests): the upload leads to the job's page with the outcome
    response = client.post(reverse("imports:upload", args=["practices"]), {"file": upload}, follow=True)
    assert response.redirect_chain[0][0].startswith("/jobs/") and response.status_code == 200
    assert "Refused: nothing was written" in response.content.decode()
    # a cluster of another board reads exactly like an unknown one
    assert "“AG” is not a known cluster code" in response.content.decode()
    assert "Amman Gwendraeth" not in response.content.decode()
    assert not world.ag.child_links.filter(child__kind=Kind.PRACTICE).exists()


def test_admin_is_for_staff_only(client, world):
    client.force_login(world.editor)
    assert client.get("/admin/").status_code == 302
    client.force_login(world.admin)
    assert client.get("/admin/orgs/orgunit/").status_code == 200


def factories_csv(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("practices.csv", text.encode(), content_type="text/csv")


def test_login_is_throttled(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "viewer", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "viewer", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
