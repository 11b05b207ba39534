"""SPC rules on series where each rule fires alone, and where none does."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.outcomes.spc import Assurance, Direction, Variation, xmr

STABLE = [10, 11, 9, 10, 12, 9, 10, 11, 10, 9, 11, 10, 10, 9, 11, 10, 12, 10, 9, 11]


def series(values):
    return [(f"P{i + 1}", v) for i, v in enumerate(values)]


def flags(result, name):
    return [i for i, p in enumerate(result.points) if getattr(p, name)]


def test_limits_by_hand():
    result = xmr(series([10, 12, 11, 13]))
    # mean 11.5; moving ranges 2, 1, 2 → mean 5/3; limits 11.5 ± 2.66 × 5/3
    assert result.points[0].mean == pytest.approx(11.5, abs=1e-9)
    assert result.points[0].upper == pytest.approx(11.5 + 2.66 * 5 / 3, abs=1e-9)
    assert result.points[0].lower == pytest.approx(11.5 - 2.66 * 5 / 3, abs=1e-9)


def test_no_rule_fires_on_a_stable_series():
    result = xmr(series(STABLE), Direction.HIGHER_IS_BETTER)
    assert not any(p.special_cause for p in result.points)
    assert result.variation is Variation.COMMON_CAUSE


def test_rule_one_a_point_beyond_the_limits():
    values = STABLE[:10] + [25] + STABLE[10:]
    result = xmr(series(values), Direction.LOWER_IS_BETTER)
    assert flags(result, "beyond_limits") == [10]
    assert not flags(result, "in_run") and not flags(result, "in_trend")
    assert result.kind(result.points[10]) == "concern"


def test_rule_two_a_run_of_seven_on_one_side():
    values = [10, 9, 11, 10, 9, 11, 10, 10.6, 10.8, 10.7, 10.9, 10.6, 10.8, 10.7]
    result = xmr(series(values))
    assert flags(result, "in_run") == list(range(7, 14))
    assert not flags(result, "beyond_limits") and not flags(result, "in_trend")
    shorter = xmr(series(values[:-1]))  # a run of six is not enough
    assert not flags(shorter, "in_run")


def test_rule_three_seven_rising():
    values = [10, 12, 9, 11, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 9, 11]
    result = xmr(series(values), Direction.HIGHER_IS_BETTER)
    assert flags(result, "in_trend") == list(range(4, 11))
    assert not flags(xmr(series(values[:4] + values[5:])), "in_trend")  # six rising points only


def test_rule_four_two_of_three_near_a_limit():
    values = [10, 10.2] * 8 + [10.9, 10.5, 10.9, 10.1, 10]  # mean 10.19, 2σ 10.67, 3σ 10.91
    result = xmr(series(values))
    assert flags(result, "two_of_three") == [16, 18]
    assert not flags(result, "beyond_limits")


def test_direction_turns_the_same_signal_into_improvement_or_concern():
    values = STABLE + [30]
    assert xmr(series(values), Direction.HIGHER_IS_BETTER).variation is Variation.IMPROVEMENT_HIGH
    assert xmr(series(values), Direction.LOWER_IS_BETTER).variation is Variation.CONCERN_HIGH
    assert xmr(series(values), Direction.NEITHER).variation is Variation.NEITHER_HIGH


def test_assurance():
    assert xmr(series(STABLE), Direction.HIGHER_IS_BETTER, target=5).assurance is Assurance.PASS
    assert xmr(series(STABLE), Direction.HIGHER_IS_BETTER, target=20).assurance is Assurance.FAIL
    assert xmr(series(STABLE), Direction.HIGHER_IS_BETTER, target=10).assurance is Assurance.HIT_OR_MISS
    assert xmr(series(STABLE), Direction.HIGHER_IS_BETTER).assurance is None


def test_limits_recalculated_from_a_chosen_point():
    values = STABLE + [v + 20 for v in STABLE]
    whole = xmr(series(values))
    split = xmr(series(values), recalculate_at=[20])
    assert split.points[0].mean == pytest.approx(sum(STABLE) / 20)
    assert split.points[25].mean == pytest.approx(sum(STABLE) / 20 + 20)
    assert any(p.special_cause for p in whole.points) and not any(p.special_cause for p in split.points)


def test_needs_two_points():
    with pytest.raises(ValueError):
        xmr(series([5]))


def test_agrees_with_abspc():
    from abspc.spc import _rule1_astronomical, _rule2_shift, _rule3_trend, calculate_control_limits

    values = [
        10,
        9,
        11,
        10,
        9,
        11,
        10,
        10.6,
        10.8,
        10.7,
        10.9,
        10.6,
        10.8,
        10.7,
        25,
        8.0,
        8.5,
        9.0,
        9.5,
        10.0,
        10.5,
        11.0,
    ]
    theirs = calculate_control_limits(pd.DataFrame({"value": values}), "XmR")
    ours = xmr(series(values))
    # abspc uses 3 ÷ 1.128 = 2.6596 where Making Data Count rounds to 2.66
    assert [p.upper for p in ours.points] == pytest.approx(list(theirs["ucl"]), rel=1e-3)
    assert [p.lower for p in ours.points] == pytest.approx(list(theirs["lcl"]), rel=1e-3)
    array = np.array(values, dtype=float)
    assert [p.beyond_limits for p in ours.points] == list(
        _rule1_astronomical(array, theirs["ucl"].to_numpy(), theirs["lcl"].to_numpy())
    )
    assert [p.in_run for p in ours.points] == list(_rule2_shift(array, theirs["mean"].to_numpy(), run_length=7))
    assert [p.in_trend for p in ours.points] == list(_rule3_trend(array, run_length=7))


values_strategy = st.lists(st.floats(-1e6, 1e6, allow_nan=False, width=32), min_size=2, max_size=40)


@given(values_strategy)
def test_limits_contain_the_mean(values):
    for point in xmr(series(values)).points:
        assert point.lower <= point.mean <= point.upper


@given(values_strategy, st.integers(-1000, 1000))
def test_shifting_every_value_shifts_the_limits_and_keeps_the_flags(values, shift):
    a, b = xmr(series(values)), xmr(series([v + shift for v in values]))
    for p, q in zip(a.points, b.points, strict=True):
        assert q.mean == pytest.approx(p.mean + shift, abs=1e-3)
    assert [p.in_trend for p in a.points] == [q.in_trend for q in b.points]


@given(st.floats(-100, 100, allow_nan=False), st.integers(2, 30))
def test_a_constant_series_has_no_special_cause(value, n):
    result = xmr(series([value] * n))
    assert not any(p.special_cause for p in result.points)
