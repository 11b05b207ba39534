from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from cymuned.outcomes.completeness import Expected, Status, rates, status


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
