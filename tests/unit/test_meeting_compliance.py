"""Collaborative meetings against the contract: four a year (seed 002: GMS contract requirement)."""

from hypothesis import given
from hypothesis import strategies as st

from cymuned.meetings.compliance import REQUIRED, below, standings


def test_a_practice_that_attended_three_of_four_meetings_is_below_by_one():
    # worked example: four collaborative meetings in the year; practice W1 attended three, W2 all four
    found = below({"W1": 3, "W2": 4}, REQUIRED["collaborative"])
    assert [(s.code, s.count, s.shortfall) for s in found] == [("W1", 3, 1)]


def test_furthest_below_first():
    assert [s.code for s in standings({"B": 3, "A": 0, "C": 4}, 4)] == ["A", "B", "C"]


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 12)), st.integers(0, 6))
def test_below_is_exactly_those_short(counts, required):
    assert {s.code for s in below(counts, required)} == {c for c, n in counts.items() if n < required}
