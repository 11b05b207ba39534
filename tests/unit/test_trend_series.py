"""The one definition of trend over a project's series (portfolio.rag.standings).

Expected values are worked by hand from issue 11 item 1 ("trend compares with the most recent earlier
return that has a status; none: stable") and, for random series, checked against a second,
deliberately naive implementation written here from the same sentence.
"""

from hypothesis import given
from hypothesis import strategies as st

from cymuned.portfolio.rag import UNRANKED, Rag, Trend, standings

R, A, G = Rag.RED, Rag.AMBER, Rag.GREEN


def test_the_issues_example_improves_over_the_blank_quarter():
    # Q1 red, Q2 no status, Q3 green: the list said "stable", the project page "Improving"
    found = standings([R, None, G])
    assert [s.trend for s in found] == [Trend.STABLE, None, Trend.IMPROVING]
    assert [s.previous for s in found] == [None, R, R]


def test_hand_worked_series():
    found = standings(["", "amber", "", "", "red", "red", "green"])
    assert [s.trend for s in found] == [None, Trend.STABLE, None, None, Trend.WORSENING, Trend.STABLE, Trend.IMPROVING]
    assert [s.status_rank for s in found] == [UNRANKED, 1, UNRANKED, UNRANKED, 0, 0, 2]
    assert [s.trend_rank for s in found] == [UNRANKED, 1, UNRANKED, UNRANKED, 0, 1, 2]
    assert standings([]) == []


def naive(statuses):
    """For each return, scan back for the nearest earlier status."""
    trends = []
    for i, status in enumerate(statuses):
        if status is None:
            trends.append(None)
            continue
        earlier = [s for s in statuses[:i] if s is not None]
        if not earlier or earlier[-1] == status:
            trends.append(Trend.STABLE)
        else:
            order = {G: 0, A: 1, R: 2}
            trends.append(Trend.IMPROVING if order[status] < order[earlier[-1]] else Trend.WORSENING)
    return trends


@given(st.lists(st.none() | st.sampled_from([R, A, G]), max_size=30))
def test_agrees_with_a_naive_reading_of_the_rule(statuses):
    found = standings(statuses)
    assert [s.trend for s in found] == naive(statuses)
    # a green return never worsens and a red one never improves (seed 002)
    for status, standing in zip(statuses, found, strict=True):
        assert not (status is G and standing.trend is Trend.WORSENING)
        assert not (status is R and standing.trend is Trend.IMPROVING)
