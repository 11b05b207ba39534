"""The maturity rules on worked examples (hand calculations in the comments) and their properties."""

from hypothesis import given
from hypothesis import strategies as st

from cymuned.maturity.guardrails import below_minimum, judged_stage, minimum_expected, programme_year
from cymuned.maturity.spread import disagreement, spread


def test_spread_of_three_raters():
    # raters 1, 3, 2: n 3, lowest 1, middle of (1, 2, 3) is 2, highest 3
    assert spread([1, 3, 2]).as_dict() == {"n": 3, "min": 1, "median": 2, "max": 3}


def test_spread_of_two_raters_splits_the_median():
    # raters 2 and 3: median is (2 + 3) / 2 = 2.5
    assert spread([2, 3]).median == 2.5
    assert spread([2, 2, 3, 3]).median == 2.5
    assert spread([2, 4]).median == 3 and isinstance(spread([2, 4]).median, int)


def test_nobody_rated():
    assert spread([]).as_dict() == {"n": 0, "min": None, "median": None, "max": None}
    assert disagreement([]) is False


def test_disagreement_at_two_stages_apart():
    # the issue: raters differ by two or more stages
    assert disagreement([1, 3, 2]) is True  # 3 - 1 = 2
    assert disagreement([1, 4]) is True  # 3 apart
    assert disagreement([2, 3, 3]) is False  # 1 apart
    assert disagreement([2, 2, 2]) is False


def test_programme_year_counts_from_the_first_cycle():
    # first cycle 2026-27 is year 1; 2028-29 is year 3; 2025-26 is before the programme
    assert programme_year(2026, 2026) == 1
    assert programme_year(2026, 2028) == 3
    assert programme_year(2026, 2025) is None


def test_minimum_expected_keeps_the_last_stated_year():
    leadership = {1: 1, 2: 2, 3: 3}  # the Hywel Dda framework's leadership minimums
    assert minimum_expected(leadership, 2) == 2
    assert minimum_expected(leadership, 5) == 3  # past year 3, year 3's expectation holds
    assert minimum_expected(leadership, None) is None
    assert minimum_expected({2: 2}, 1) is None  # nothing stated for year 1


def test_guardrail_worked_examples():
    # year 2, leadership minimum 2: agreed stage 1 is below; 2 is not
    assert below_minimum(judged_stage(1, 3), 2) is True  # the consensus wins over a median of 3
    assert below_minimum(judged_stage(2, 1), 2) is False
    # no consensus yet: raters 1 and 2 give a median of 1.5, below 2
    assert below_minimum(judged_stage(None, 1.5), 2) is True
    assert below_minimum(judged_stage(None, None), 2) is False
    assert below_minimum(3, None) is False


stages = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=12)


@given(stages)
def test_spread_is_ordered(ratings):
    s = spread(ratings)
    assert s.n == len(ratings)
    assert s.min <= s.median <= s.max


@given(stages)
def test_disagreement_is_the_range(ratings):
    assert disagreement(ratings) == (max(ratings) - min(ratings) >= 2)


@given(stages, st.permutations(range(12)))
def test_spread_ignores_order(ratings, order):
    shuffled = [ratings[i] for i in order if i < len(ratings)]
    assert spread(shuffled) == spread(ratings)


@given(st.dictionaries(st.integers(1, 5), st.integers(1, 4), min_size=1), st.integers(1, 8))
def test_minimum_is_one_that_was_stated(minimums, year):
    found = minimum_expected(minimums, year)
    assert found is None or found in minimums.values()
