"""The organisation unit page: what lies above and below a unit, as the reader may see it, and the
lineage asked once however often a page asks who may do what."""

import re

from cymuned.accounts.rules import can_edit, can_view, role_for
from cymuned.orgs.models import Kind, Membership

from .. import factories


def _breadcrumbs(html: str) -> list[str]:
    trail = html.split('class="nhsuk-breadcrumb__list"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'href="/organisation/([^/"]+)/', trail)


def _headings(html: str) -> list[str]:
    return re.findall(r"<h2>([^<]+)</h2>", html)


def test_a_cluster_shows_only_the_units_above_it_the_reader_may_see(client, world):
    client.force_login(world.ag_viewer)  # a viewer of Amman Gwendraeth alone
    assert _breadcrumbs(client.get("/organisation/AG/").content.decode()) == []
    client.force_login(world.viewer)  # a viewer of Hywel Dda
    assert _breadcrumbs(client.get("/organisation/AG/").content.decode()) == ["7A2"]
    client.force_login(world.national)
    assert _breadcrumbs(client.get("/organisation/7A2/").content.decode()) == ["WAL"]
    client.force_login(world.viewer)
    assert _breadcrumbs(client.get("/organisation/7A2/").content.decode()) == []  # Wales is not theirs


def test_a_boards_units_are_grouped_by_kind_in_the_pages_order(client, world):
    factories.unit(Kind.COUNTY, "CARM", parent=world.hywel_dda, name_en="Carmarthenshire")
    factories.unit(Kind.NEIGHBOURHOOD, "HDN1", parent=world.hywel_dda, name_en="A neighbourhood")
    client.force_login(world.viewer)
    html = client.get("/organisation/7A2/").content.decode()
    assert _headings(html) == ["County", "Cluster", "Integrated neighbourhood"]
    clusters = html.split("<h2>Cluster</h2>", 1)[1].split("</ul>", 1)[0]
    assert clusters.index("Amman Gwendraeth") < clusters.index("Llanelli")  # by name
    assert "Mid Powys" not in html


def test_a_board_lists_only_the_clusters_the_reader_may_see(client, world):
    client.force_login(world.ag_viewer)
    response = client.get("/organisation/7A2/")
    assert response.status_code == 403  # the board itself is not theirs
    client.force_login(world.ag_viewer)
    html = client.get("/organisation/AG/").content.decode()
    assert "Llanelli" not in html


def test_a_practice_shows_its_cluster_neighbourhood_and_patients(client, world):
    neighbourhood = factories.unit(Kind.NEIGHBOURHOOD, "N1", parent=world.hywel_dda, name_en="Aman neighbourhood")
    Membership.objects.create(child=world.ag, parent=neighbourhood)  # the whole cluster joins it
    practice = factories.practice(world.ag, "W91234", patients=4321, name_en="Tŷ Meddyg")
    client.force_login(world.viewer)
    html = client.get(f"/organisation/{practice.code}/").content.decode()
    row = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert "W91234" in row and ">AG<" in row and "Aman neighbourhood" in row and "4,321" in row
    assert _breadcrumbs(html) == ["AG"]  # its own parent; the neighbourhood is the cluster's


def test_a_units_lineage_is_walked_once_for_the_person(world, django_assert_num_queries):
    """may see, may edit and the role itself ask about the same unit: the organisation is walked up
    once (one query, whatever the depth), then remembered with the person's grants."""
    practice = factories.practice(world.ag)
    editor = type(world.editor).objects.get(pk=world.editor.pk)  # fresh: nothing remembered yet
    with django_assert_num_queries(1 + 1):  # the grants, then practice → cluster → board → Wales
        assert can_edit(editor, practice)
    with django_assert_num_queries(0):
        assert can_view(editor, practice)
        assert role_for(editor, practice) == "editor"
