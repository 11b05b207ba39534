from django.core.management import call_command

from cymuned.orgs.models import Kind, Membership, OrgUnit

HYWEL_DDA_CLUSTERS = {"AG", "LL", "TT", "NC", "SC", "NP", "SP"}


def _snapshot():
    units = sorted(OrgUnit.objects.values_list("code", "kind", "name_en", "name_cy"))
    links = sorted(Membership.objects.values_list("child__code", "parent__code", "valid_from", "valid_to"))
    return units, links


def test_reference_data_is_wales(reference):
    assert OrgUnit.objects.filter(kind=Kind.HEALTH_BOARD).count() == 7
    assert OrgUnit.objects.filter(kind=Kind.CLUSTER).count() == 60
    hywel_dda = OrgUnit.objects.get(code="7A2")
    clusters = set(
        Membership.objects.filter(parent=hywel_dda, child__kind=Kind.CLUSTER).values_list("child__code", flat=True)
    )
    assert clusters == HYWEL_DDA_CLUSTERS
    assert OrgUnit.objects.get(code="NC").name_cy == "Gogledd Ceredigion"
    counties = Membership.objects.filter(parent=hywel_dda, child__kind=Kind.COUNTY).values_list(
        "child__name_en", flat=True
    )
    assert set(counties) == {"Carmarthenshire", "Ceredigion", "Pembrokeshire"}
    assert OrgUnit.objects.filter(kind=Kind.PLANNING_GROUP).count() == 3


def test_every_cluster_has_a_health_board_and_a_county(reference):
    for cluster in OrgUnit.objects.filter(kind=Kind.CLUSTER):
        kinds = set(cluster.parent_links.values_list("parent__kind", flat=True))
        assert {Kind.HEALTH_BOARD, Kind.COUNTY} <= kinds, cluster.code


def test_loading_twice_leaves_the_same_rows(reference):
    before = _snapshot()
    call_command("load-reference", verbosity=0)
    assert _snapshot() == before


def test_loading_restores_a_changed_name(reference):
    OrgUnit.objects.filter(code="LL").update(name_en="Renamed by hand")
    call_command("load-reference", verbosity=0)
    assert OrgUnit.objects.get(code="LL").name_en == "Llanelli"
