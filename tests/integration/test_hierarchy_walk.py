"""Walking the organisation up and down on a date (cymuned.orgs.hierarchy), which decides access: the
memberships live on the date are followed to the top and the bottom in one query, on SQLite and
PostgreSQL alike."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cymuned.orgs.hierarchy import ancestor_ids, descendant_ids
from cymuned.orgs.models import Kind, Membership

from .. import factories

pytestmark = pytest.mark.django_db

MOVE = date(2025, 4, 1)  # the cluster moves from the old board to the new on this day


@pytest.fixture
def tree():
    wales = factories.unit(Kind.NATION, "WAL")
    old = factories.unit(Kind.HEALTH_BOARD, "OLD", parent=wales)
    new = factories.unit(Kind.HEALTH_BOARD, "NEW", parent=wales)
    cluster = factories.unit(Kind.CLUSTER, "CLU")
    Membership.objects.create(child=cluster, parent=old, valid_to=MOVE)
    Membership.objects.create(child=cluster, parent=new, valid_from=MOVE)
    practice = factories.unit(Kind.PRACTICE, "W00001", parent=cluster)
    return {"wales": wales, "old": old, "new": new, "cluster": cluster, "practice": practice}


def ids(tree, *names):
    return {tree[name].pk for name in names}


def test_the_units_above_follow_the_memberships_live_on_the_date(tree):
    before, on_the_day = date(2025, 3, 31), MOVE
    assert ancestor_ids([tree["practice"].pk], before) == ids(tree, "practice", "cluster", "old", "wales")
    assert ancestor_ids([tree["practice"].pk], on_the_day) == ids(tree, "practice", "cluster", "new", "wales")


def test_the_units_below_follow_the_memberships_live_on_the_date(tree):
    assert descendant_ids([tree["old"].pk], date(2025, 3, 31)) == ids(tree, "old", "cluster", "practice")
    assert descendant_ids([tree["old"].pk], MOVE) == ids(tree, "old")
    assert descendant_ids([tree["wales"].pk], MOVE) == ids(tree, "wales", "old", "new", "cluster", "practice")


def test_a_walk_is_one_query_whatever_the_depth(tree):
    with CaptureQueriesContext(connection) as captured:
        ancestor_ids([tree["practice"].pk], MOVE)
    assert len(captured) == 1


def test_no_units_asked_about_need_no_query(tree):
    with CaptureQueriesContext(connection) as captured:
        assert ancestor_ids([], MOVE) == set() and descendant_ids([], MOVE) == set()
    assert not captured


def test_a_loop_in_the_memberships_ends(tree):
    """Should the memberships ever hold a loop, a walk (and so every access check) still ends."""
    Membership.objects.create(child=tree["wales"], parent=tree["practice"])
    everyone = ids(tree, "wales", "old", "new", "cluster", "practice")
    assert ancestor_ids([tree["cluster"].pk], MOVE) == everyone - {tree["old"].pk}
