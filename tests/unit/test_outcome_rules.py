from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from cymuned.outcomes.completeness import Expected, Status, may_send_link, rates, received, status


def test_status_on_time_late_missing_and_not_yet_due():
    due = date(2025, 4, 30)
    assert status(due, datetime(2025, 4, 30, 23, 0), date(2025, 6, 1)) is Status.ON_TIME
    assert status(due, datetime(2025, 5, 1, 9, 0), date(2025, 6, 1)) is Status.LATE
    assert status(due, None, date(2025, 5, 1)) is Status.MISSING
    assert status(due, None, date(2025, 4, 30)) is Status.NOT_YET_DUE


def test_rates_by_group():
    items = [
        Expected("A", {"cluster": ["AG"]}, Status.ON_TIME),
        Expected("B", {"cluster": ["AG", "LL"]}, Status.LATE),
        Expected("C", {"cluster": ["LL"]}, Status.MISSING),
        Expected("D", {"cluster": ["LL"]}, Status.NOT_YET_DUE),
    ]
    found = {r.group: r for r in rates(items, "cluster")}
    assert (found["AG"].completeness_pct, found["AG"].timeliness_pct) == (100, 50)
    assert (
        found["LL"].expected,
        found["LL"].received,
        found["LL"].missing,
        found["LL"].completeness_pct,
    ) == (3, 1, 1, 50)


@given(st.lists(st.sampled_from(list(Status)), max_size=40))
def test_rates_add_up(statuses):
    items = [Expected(str(i), {"all": ["x"]}, s) for i, s in enumerate(statuses)]
    for rate in rates(items, "all"):
        assert rate.on_time + rate.late + rate.missing <= rate.expected == len(statuses)


def test_status_takes_the_day_in_wales_not_utc():
    """Issue 12 item 13: 23:30 UTC on 30 April 2025 is 00:30 BST on 1 May (UK summer time began on
    30 March 2025), the day after the due date: late. 23:30 UTC on 30 November is 23:30 GMT: on time."""
    from datetime import UTC

    assert status(date(2025, 4, 30), datetime(2025, 4, 30, 23, 30, tzinfo=UTC), date(2025, 6, 1)) is Status.LATE
    assert status(date(2025, 4, 30), datetime(2025, 4, 30, 22, 59, tzinfo=UTC), date(2025, 6, 1)) is Status.ON_TIME
    assert status(date(2025, 11, 30), datetime(2025, 11, 30, 23, 30, tzinfo=UTC), date(2026, 1, 1)) is Status.ON_TIME


def test_a_return_is_received_only_when_it_holds_values():
    """Issue 12 item 12: an empty return is not received; no link for a project without measures."""
    sent = datetime(2025, 4, 29, 9, 0)
    assert received(sent, holds_values=True) == sent
    assert received(sent, holds_values=False) is None
    assert status(date(2025, 4, 30), received(sent, False), date(2025, 6, 1)) is Status.MISSING
    assert not may_send_link(0) and may_send_link(1)
