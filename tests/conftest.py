"""Shared fixtures: a small Wales with two health boards and the people every page test needs —
a viewer and an editor of one board, an editor of the other board, and a signed-in outsider."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command

from cymuned.orgs.models import Kind, OrgUnit

from . import factories


def pytest_configure(config):
    # The SQLite test database lives in CYMUNED_VAR_DIR; settings no longer make the directory.
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demonstration data (`setup-demo`, seconds to load), loaded once for a module whose tests
    only read it: each test still runs in a transaction rolled back at its end, and after the
    module's last test the database is emptied (as after any transactional test), so the next
    module starts as it would have."""
    import io

    with django_db_blocker.unblock():
        call_command("setup-demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _definitions_read_afresh():
    """Definitions are kept in memory once read; a test that loads other versions rolls them back,
    so every test starts by reading the table again."""
    from cymuned.definitions.versions import forget

    forget()
    yield
    forget()


@dataclass
class World:
    hywel_dda: OrgUnit
    powys: OrgUnit
    ag: OrgUnit
    ll: OrgUnit
    mid_powys: OrgUnit
    viewer: object  # views Hywel Dda
    editor: object  # edits Hywel Dda
    other_editor: object  # edits Powys only
    outsider: object  # signed in, no role
    admin: object  # superuser
    wales: OrgUnit | None = None
    national: object = None  # administrator of Wales: changes national data
    ag_viewer: object = None  # views the Amman Gwendraeth cluster only


@pytest.fixture
def world(db) -> World:
    wales = factories.unit(Kind.NATION, "WAL")
    hywel_dda = factories.unit(Kind.HEALTH_BOARD, "7A2", parent=wales, name_en="Hywel Dda University Health Board")
    powys = factories.unit(Kind.HEALTH_BOARD, "7A7", parent=wales, name_en="Powys Teaching Health Board")
    ag = factories.unit(Kind.CLUSTER, "AG", parent=hywel_dda, name_en="Amman Gwendraeth", name_cy="Aman Gwendraeth")
    ll = factories.unit(Kind.CLUSTER, "LL", parent=hywel_dda, name_en="Llanelli")
    mid_powys = factories.unit(Kind.CLUSTER, "MPO", parent=powys, name_en="Mid Powys")
    return World(
        hywel_dda=hywel_dda,
        powys=powys,
        ag=ag,
        ll=ll,
        mid_powys=mid_powys,
        viewer=factories.user("viewer", {hywel_dda: "viewer"}),
        editor=factories.user("editor", {hywel_dda: "editor"}),
        other_editor=factories.user("powys-editor", {powys: "editor"}),
        outsider=factories.user("outsider"),
        admin=factories.user("admin", is_superuser=True, is_staff=True),
        wales=wales,
        national=factories.user("wales-administrator", {wales: "administrator"}),
        ag_viewer=factories.user("amman-viewer", {ag: "viewer"}),
    )


@pytest.fixture
def reference(db):
    """The full reference organisation of Wales (7 boards, 60 clusters)."""
    call_command("load-reference", verbosity=0)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: responses (ids, and so data versions, repeat between tests) and
    counters (wrong provider-link tokens per address) start afresh."""
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()
