"""Units are listed in the order of the names the page shows: in Welsh by the Welsh name (the English
one where there is none) in the Welsh alphabet, where ch follows c and ll follows l; in English by the
English name. The same order on SQLite and PostgreSQL (cymuned.translations.collation).

Orders worked by hand from the Welsh alphabet (a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t
th u w y): Aman Gwendraeth, Cwm Taf, Chwilog, De Sir Benfro, Gogledd Ceredigion, Lydstep, Llandeilo,
Llanelli ("Llandeilo" before "Llanelli": d before e)."""

import pytest
from django.urls import reverse
from django.utils import translation

from cymuned.orgs.models import Kind, OrgUnit, name_order

from .. import factories

CLUSTERS = [  # (code, English, Welsh)
    ("CT", "Cwm Taf", ""),
    ("CH", "Chwilog", ""),
    ("DSB", "South Pembrokeshire", "De Sir Benfro"),
    ("NC", "North Ceredigion", "Gogledd Ceredigion"),
    ("LY", "Lydstep", ""),
    ("LD", "Llandeilo", ""),
]
WELSH = [
    "Aman Gwendraeth",
    "Cwm Taf",
    "Chwilog",
    "De Sir Benfro",
    "Gogledd Ceredigion",
    "Lydstep",
    "Llandeilo",
    "Llanelli",
]
ENGLISH = [
    "Amman Gwendraeth",
    "Chwilog",
    "Cwm Taf",
    "Llandeilo",
    "Llanelli",
    "Lydstep",
    "North Ceredigion",
    "South Pembrokeshire",
]


@pytest.fixture
def clusters(world):
    for code, english, welsh in CLUSTERS:
        factories.unit(Kind.CLUSTER, code, parent=world.hywel_dda, name_en=english, name_cy=welsh)
    return world


def listed(language: str) -> list[str]:
    codes = ["AG", "LL", *(code for code, _english, _welsh in CLUSTERS)]
    with translation.override(language):
        return [unit.name for unit in OrgUnit.objects.filter(code__in=codes).order_by(*name_order())]


def test_the_database_lists_units_in_each_languages_order(clusters):
    assert listed("cy") == WELSH
    assert listed("en") == ENGLISH


def test_the_organisation_page_lists_clusters_in_the_readers_order(client, clusters):
    client.force_login(clusters.viewer)
    url = reverse("orgs:unit", args=[clusters.hywel_dda.code])
    for language, expected in (("cy", WELSH), ("en", ENGLISH)):
        client.cookies["cymuned_language"] = language
        page = client.get(url).content.decode()
        positions = [page.index(f">{name}<") for name in expected]
        assert positions == sorted(positions), language
