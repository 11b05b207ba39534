"""SPC against NHSRplotthedots (the NHS-R Community's R package that reproduces the Making Data Count
Excel tool), version 0.2.2 (commit 050b07d): its test files' vectors and snapshots, the worked series in
its issues, and series worked by hand with exact fractions. Each test names the source of its figures.

NHSRplotthedots files are cited as PTD:path:line."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.statistics.spc import (
    SIGMA2,
    SIGMA3,
    Assurance,
    Direction,
    Kind,
    Rule,
    Variation,
    assurance,
    part_of_seven,
    part_of_two_in_three,
    seven_one_side,
    seven_trend,
    two_in_three_windows,
    xmr,
)

HIGHER, LOWER, NEITHER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.NEITHER
B, T, R2, RUN = Rule.BEYOND_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.RUN
# R: set.seed(123); rnorm(20), as PTD:tests/testthat/test-ptd_spc_standard.R:4-10 builds its data (the
# snapshot PTD:tests/testthat/_snaps/ptd_spc_standard.md:7 prints the first values)
RNORM = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
    -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
    0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip
# Twelve points alternating 10, 12: mean 11, every moving range 2, so 3σ = 2.66 × 2 = 5.32 and
# 2σ = 2/3 × 5.32 = 3.546̅ (worked by hand). With --baseline 12 later points leave these limits alone.
BASE = [10, 12] * 6


def series(values):
    return [(f"P{i + 1:02d}", v) for i, v in enumerate(values)]


def kinds(result):
    return [str(p.kind) for p in result.points]


def marked(result, rule):
    return [i for i, p in enumerate(result.points) if rule in p.rules]


# --- the rules' building blocks, on PTD's own test vectors --------------------------------------------


def test_seven_on_one_side_of_the_mean():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:79-97
    assert seven_one_side([]) == []
    assert seven_one_side([1] * 6) == [0] * 6
    assert seven_one_side([1] * 6 + [-1]) == [0] * 7
    assert seven_one_side([1] * 8 + [-1]) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert seven_one_side([-1] * 8 + [1]) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert seven_one_side([1] * 3 + [0] + [1] * 6) == [0] * 10  # a point on the mean breaks a run


def test_part_of_seven():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:100-126
    assert part_of_seven([]) == []
    assert part_of_seven([0] * 6) == [False] * 6
    assert part_of_seven([0] * 6 + [1, 0]) == [True] * 7 + [False]
    assert part_of_seven([0] * 7 + [1, 0]) == [False] + [True] * 7 + [False]
    assert part_of_seven([0] * 6 + [-1, 0]) == [True] * 7 + [False]
    assert part_of_seven([0] * 7 + [-1, 0]) == [False] + [True] * 7 + [False]


def test_seven_point_trend_and_ties():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:129-150; 1:3 then 3:6 repeats 3, and a tie breaks it
    assert seven_trend([]) == []
    assert seven_trend([1, 2, 3, 4, 5, 6]) == [0] * 6
    assert seven_trend([1, 2, 3, 3, 4, 5, 6]) == [0] * 7
    assert seven_trend([1, 2, 3, 4, 5, 6, 7]) == [0] * 6 + [1]
    assert seven_trend([2, 1, 2, 3, 4, 5, 6, 7, 3]) == [0] * 7 + [1, 0]
    assert seven_trend([7, 6, 5, 4, 3, 2, 1]) == [0] * 6 + [-1]
    assert seven_trend([2, 7, 6, 5, 4, 3, 2, 1, 3]) == [0] * 7 + [-1, 0]


def test_two_in_three_windows():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:153-172
    for close in ([1, 0, 1], [0, 1, 1], [1, 1, 0]):
        assert two_in_three_windows(close, [1, 1, 1]) == [True] * 3
    assert two_in_three_windows([0, 0, 1, 0, 1, 0, 0], [1] * 7) == [False, False, True, True, True, False, False]
    assert two_in_three_windows([0, 0, 1, 1, 0, 0, 0], [1] * 7) == [False, True, True, True, True, False, False]


def test_two_in_three_needs_one_side_of_the_mean():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:174-187 (PTD issue #143)
    for close in ([1, 0, 1], [0, 1, 1], [1, 1, 0]):
        assert two_in_three_windows(close, [1, -1, 1]) == [False] * 3
    assert two_in_three_windows([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1]) == [False] * 7
    assert two_in_three_windows([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1]) == [False] * 7


def test_part_of_two_in_three_marks_only_the_close_points():
    # PTD:tests/testthat/test-ptd_calculate_point_type.R:190-244
    for close in ([1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1, 0, 1, 0, 0]):
        found = part_of_two_in_three(two_in_three_windows(close, [1] * len(close)), close)
        assert found == [bool(c) for c in close]
    close = [1, 0, 0, 1]
    assert part_of_two_in_three(two_in_three_windows(close, [1] * 4), close) == [False] * 4
    close = [1, 0, 0, 1, 1]
    assert part_of_two_in_three(two_in_three_windows(close, [1] * 5), close) == [False, False, False, True, True]


# --- limits ------------------------------------------------------------------------------------------


def test_limits_of_the_rnorm_series():
    # PTD:tests/testthat/_snaps/ptd_spc_standard.md:13-15 (mean_col 0.1416238, lpl -3.01138, upl 3.294627)
    result = xmr(series(RNORM), HIGHER)
    first = result.points[0]
    assert (first.mean, first.lower, first.upper) == pytest.approx((0.1416238, -3.01138, 3.294627), abs=1e-6)
    assert kinds(result) == ["common"] * 20  # PTD:tests/testthat/_snaps/ptd_spc.md:18 (20 common cause)
    assert result.variation is Variation.COMMON_CAUSE


def test_moving_ranges_of_3267_times_their_mean_are_screened_out():
    # PTD:tests/testthat/test-ptd_spc_standard.R:24-28 sets the 15th value to 10; with screening the limits are
    # PTD:tests/testthat/_snaps/ptd_spc_standard.md:33-35 (mean 0.6694159, lpl -2.383666, upl 3.722497)
    values = RNORM[:14] + [10] + RNORM[15:]
    result = xmr(series(values), HIGHER)
    first = result.points[0]
    assert (first.mean, first.lower, first.upper) == pytest.approx((0.6694159, -2.383666, 3.722497), abs=1e-6)
    assert result.points[14].rules == (B,)


def test_limits_by_hand():
    # mean 11.5; moving ranges 2, 1, 2 → mean 5/3 (none screened: 2 < 3.267 × 5/3); 11.5 ± 2.66 × 5/3
    result = xmr(series([10, 12, 11, 13]))
    assert result.points[0].mean == 11.5
    assert result.points[0].upper == pytest.approx(11.5 + 2.66 * 5 / 3, abs=1e-12)
    assert result.points[0].lower == pytest.approx(11.5 - 2.66 * 5 / 3, abs=1e-12)


def test_the_two_sigma_line_is_exactly_two_thirds_of_three_sigma():
    # PTD:R/ptd_spc_standard.R:46-47 (limitclose <- 2 * (limit / 3)); 2/3 × 2.66 = 1.77333…, not 1.77
    assert SIGMA2 == Fraction(266, 100) * 2 / 3 == Fraction(133, 75)
    assert SIGMA3 == Fraction(266, 100)
    # BASE fixes mean 11 and mean moving range 2: the 2σ line is 11 + 3.546̅ = 14.546̅ (the rounded 1.77
    # would put it at 14.54). Two of three at 14.544 (1.772σ) do not fire; at 14.548 they do.
    below = xmr(series(BASE + [14.544, 11.5, 14.544]), baseline=12)
    assert marked(below, R2) == []
    above = xmr(series(BASE + [14.548, 11.5, 14.548]), baseline=12)
    assert marked(above, R2) == [12, 14]
    assert kinds(above)[12:] == ["neither", "common", "neither"]


# --- each rule on a whole series, both polarities ---------------------------------------------------------


def test_beyond_limits_both_polarities():
    # BASE limits 11 ± 5.32 = 5.68 … 16.32 (by hand). 16.33 is beyond, 16.32 (on the limit) is not
    values = BASE + [Decimal(v) for v in ("16.33", "11", "16.32", "11", "5.67")]  # exact, as a file gives them
    higher, lower, neither = (xmr(series(values), d, baseline=12) for d in (HIGHER, LOWER, NEITHER))
    assert marked(higher, B) == [12, 16]
    assert kinds(higher)[12] == "improvement" and kinds(higher)[16] == "concern"
    assert kinds(lower)[12] == "concern" and kinds(lower)[16] == "improvement"
    assert kinds(neither)[12] == "neither" and kinds(neither)[16] == "neither"
    # the on-the-limit 16.32 is close to it (beyond 2σ): with 16.33 it makes a two of three, outranked there
    assert higher.points[12].rules == (B,) and higher.points[14].rules == ()
    # the icons follow the latest point: PTD:R/geom_ptd_icon.R:103-120 (concern for "increase" is concern_low)
    assert (higher.variation, lower.variation, neither.variation) == (
        Variation.CONCERN_LOW,
        Variation.IMPROVEMENT_LOW,
        Variation.NEITHER_LOW,
    )


def test_run_of_seven_on_one_side_and_a_point_on_the_mean_breaks_it():
    six_above = BASE + [11.5] * 3 + [11] + [11.5] * 6
    assert marked(xmr(series(six_above), HIGHER, baseline=12), RUN) == []
    seven_above = BASE + [11.5] * 3 + [11] + [11.5] * 7
    result = xmr(series(seven_above), HIGHER, baseline=12)
    assert marked(result, RUN) == list(range(16, 23))  # all seven points of the run are marked
    assert set(kinds(result)[16:]) == {"improvement"}
    assert result.variation is Variation.IMPROVEMENT_HIGH
    seven_below = xmr(series(BASE + [10.5] * 7), HIGHER, baseline=12)
    assert set(kinds(seven_below)[12:]) == {"concern"} and seven_below.variation is Variation.CONCERN_LOW
    assert xmr(series(BASE + [10.5] * 7), LOWER, baseline=12).variation is Variation.IMPROVEMENT_LOW


def test_trend_points_take_the_direction_of_the_trend_not_their_side():
    # PTD PR #180 (issue #171): a rising trend that crosses the mean is improvement throughout when higher
    # is better, concern when lower is better; a falling one the reverse. BASE limits: 5.68 … 16.32.
    rising = BASE + [8.0, 9.0, 10.0, 10.5, 11.5, 12.0, 13.0]
    result = xmr(series(rising), HIGHER, baseline=12)
    assert marked(result, T) == list(range(12, 19))
    assert kinds(result)[12:] == ["improvement"] * 7
    assert kinds(xmr(series(rising), LOWER, baseline=12))[12:] == ["concern"] * 7
    assert kinds(xmr(series(rising), NEITHER, baseline=12))[12:] == ["neither"] * 7
    assert [p.high for p in result.points[12:]] == [1] * 7
    falling = BASE + [14.0, 13.0, 12.0, 11.5, 10.5, 10.0, 9.0]
    assert kinds(xmr(series(falling), HIGHER, baseline=12))[12:] == ["concern"] * 7
    six = BASE + [8.0, 9.0, 10.0, 10.5, 11.5, 12.0]
    assert marked(xmr(series(six), HIGHER, baseline=12), T) == []


def test_trend_of_eight_flags_all_eight_either_way():
    # PTD issue #167: y = 0:7 and y = 0:-7 both flag every point as a trend (the fix took abs() of the ends)
    up = xmr(series(range(8)), HIGHER)
    down = xmr(series([-v for v in range(8)]), HIGHER)
    assert marked(up, T) == marked(down, T) == list(range(8))
    # by hand: mean 3.5, moving ranges 1, limits 0.84 … 6.16, so the first point is beyond a limit too and
    # that rule, first in precedence, decides its kind (below the lower limit when rising)
    assert marked(up, B) == [0, 7] and marked(down, B) == [0, 7]
    assert kinds(up) == ["concern"] + ["improvement"] * 7
    assert kinds(down) == ["improvement"] + ["concern"] * 7
    # …and, eight points being fewer than 12, with the "n < 12" trial-limits warning
    assert up.short_periods and up.variation is None


def test_two_of_three_both_sides():
    # BASE 2σ lines: 7.453̅ and 14.546̅; limits 5.68 and 16.32 (by hand)
    high = xmr(series(BASE + [15, 12, 15]), LOWER, baseline=12)
    assert marked(high, R2) == [12, 14] and kinds(high)[12:] == ["concern", "common", "concern"]
    low = xmr(series(BASE + [7, 10, 7]), LOWER, baseline=12)
    assert marked(low, R2) == [12, 14] and kinds(low)[12:] == ["improvement", "common", "improvement"]
    # two close points on opposite sides never make one: PTD:tests/testthat/test-ptd_spc_standard.R:97-114
    symmetric = [1, -1] * 7 + [5.5, -5.5]
    result = xmr(series(symmetric), HIGHER)
    assert kinds(result)[-2:] == ["common", "common"]


def test_a_point_beyond_the_limits_does_not_count_towards_two_of_three():
    # PTD:R/ptd_spc_standard.R:91 (close_to_limits excludes outside_limits): the 2023 guidance that counts
    # points beyond 3σ is not followed. 17 is beyond 16.32; 15 is close; 12 is neither.
    result = xmr(series(BASE + [17, 15, 12]), HIGHER, baseline=12)
    assert marked(result, R2) == [] and marked(result, B) == [12]


def test_precedence_when_rules_overlap():
    # PTD issue #200's series c(0:7, 6:1), improvement "increase". By hand: mean 3.5, every moving range 1,
    # limits 0.84 … 6.16, 2σ lines 1.72̅6̅ … 5.27̅3̅. Point 1 (0) is below the limit; 0:7 rises and 7:1 falls;
    # points 5–11 (4,5,6,7,6,5,4) are a run above the mean; 6,7,6 give a two-of-three at the two 6s.
    result = xmr(series([*range(8), *range(6, 0, -1)]), HIGHER)
    assert result.points[0].rules == (B, T)
    assert result.points[7].rules == (B, T, RUN)  # 7 is beyond the limit, at the top of both trends
    assert result.points[6].rules == (T, R2, RUN) and result.points[8].rules == (T, R2, RUN)
    # beyond limits first, then trend (direction of the trend), then two of three, then run (PR #180's order)
    assert kinds(result) == ["concern"] + ["improvement"] * 7 + ["concern"] * 6


def test_rules_stay_within_one_limits_period():
    # Issue 12 item 2: four points above the old mean and three above the new are not a run of seven.
    first = [10, 12] * 6 + [11.5] * 4  # mean 11.125: the last four lie above it
    second = [11.5, 11.5, 11.5] + [10, 12] * 5  # mean 11.0385: the first three lie above it
    result = xmr(series(first + second), HIGHER, recalculate_at=[16])
    assert marked(result, RUN) == []
    assert result.points[15].mean != result.points[16].mean
    whole = xmr(series(first + second), HIGHER)
    assert whole.points[0].mean == whole.points[-1].mean


def test_recalculated_limits_match_each_group_alone():
    # PTD:tests/testthat/_snaps/ptd_spc.md:53-54: the rnorm series in two groups of ten has means 0.0746 and
    # 0.209, limits -2.60 … 2.75 and -3.28 … 3.70 (PTD computes a rebase group exactly as a facet group)
    result = xmr(series(RNORM), HIGHER, recalculate_at=[10])
    a, b = result.points[0], result.points[10]
    assert (round(a.mean, 4), round(a.lower, 2), round(a.upper, 2)) == (0.0746, -2.60, 2.75)
    assert (round(b.mean, 3), round(b.lower, 2), round(b.upper, 2)) == (0.209, -3.28, 3.70)
    assert [p.limits_period for p in result.points] == [0] * 10 + [1] * 10


def test_a_fixed_baseline_sets_the_limits_from_its_first_points():
    # BASE then a step up: limits stay at 11 ± 5.32 and the step shows as a run above the mean
    values = BASE + [13] * 8
    fixed = xmr(series(values), HIGHER, baseline=12)
    assert {p.mean for p in fixed.points} == {11}
    assert all(p.upper == pytest.approx(16.32, abs=1e-12) for p in fixed.points)
    assert marked(fixed, RUN) == list(range(11, 20))  # BASE's last value, 12, is above the mean too
    free = xmr(series(values), HIGHER)
    assert free.points[0].mean == pytest.approx((11 * 12 + 13 * 8) / 20)
    with pytest.raises(ValueError):
        xmr(series(values), baseline=1)


def test_a_constant_series():
    # every moving range is 0; the limits are the mean itself and nothing fires
    result = xmr(series([Decimal("7.10")] * 15), HIGHER, target=7)
    assert {(p.mean, p.lower, p.upper) for p in result.points} == {(7.1, 7.1, 7.1)}
    assert kinds(result) == ["common"] * 15 and result.variation is Variation.COMMON_CAUSE
    assert result.assurance is Assurance.PASS  # the target 7 lies below the lower limit


def test_ties_in_a_trend():
    # A repeated value breaks a trend (PTD:tests/testthat/test-ptd_calculate_point_type.R:136-137). Here
    # 10.0 … 10.6 then 10.6 … 11.2 are two rising trends of seven that meet at the tie, inside BASE's limits.
    rising = [Decimal(10) + Decimal(i) / 10 for i in range(7)]
    values = BASE + rising + [v + Decimal("0.6") for v in rising]
    result = xmr(series(values), HIGHER, baseline=12)
    assert marked(result, T) == list(range(12, 26))
    # PTD takes a trend point's direction from the step to the next point when that point is in a trend too;
    # at a tie that step is 0, which PTD reads as "decreasing" (concern). The point belongs only to the rising
    # trend before it, so here the step from the previous point decides: improvement (README, SPC choices).
    assert set(kinds(result)[12:]) == {"improvement"}


# --- short series, targets, icons --------------------------------------------------------------------


def test_fewer_than_twelve_points_give_provisional_limits_and_no_icons():
    # PTD:tests/testthat/test-ptd_add_short_group_warnings.R:61-81: 11 points warn, 12 do not
    eleven = xmr(series(RNORM[:11]), HIGHER, target=0.5)
    assert eleven.short_periods[0].values == 11 and all(p.provisional for p in eleven.points)
    assert eleven.variation is None and eleven.assurance is None
    twelve = xmr(series(RNORM[:12]), HIGHER, target=0.5)
    assert twelve.short_periods == () and twelve.variation is Variation.COMMON_CAUSE
    assert twelve.assurance is Assurance.HIT_OR_MISS
    # a recalculation that leaves the latest period short withdraws the icons too
    assert xmr(series(RNORM), HIGHER, target=0.5, recalculate_at=[15]).variation is None


def test_assurance_against_the_latest_limits():
    # PTD:tests/testthat/test-ptd_calculate_assurance_type.R:16-68: limits (1, 3), (5, 7), (1, 5), target 4
    limits = [(1, 3), (5, 7), (1, 5)]
    assert [assurance(lo, hi, HIGHER, 4) for lo, hi in limits] == [
        Assurance.FAIL,
        Assurance.PASS,
        Assurance.HIT_OR_MISS,
    ]
    assert [assurance(lo, hi, LOWER, 4) for lo, hi in limits] == [Assurance.PASS, Assurance.FAIL, Assurance.HIT_OR_MISS]
    assert [assurance(lo, hi, NEITHER, 4) for lo, hi in limits] == [None, None, None]
    assert assurance(1, 3, HIGHER, None) is None
    # PTD:tests/testthat/_snaps/ptd_spc.md (summary with a target 0.5): inside -3.01 … 3.29, hit or miss
    assert xmr(series(RNORM), HIGHER, target=0.5).assurance is Assurance.HIT_OR_MISS


def test_assurance_uses_the_latest_limits_period():
    # PTD:tests/testthat/test-ptd_calculate_assurance_type.R:70-91: only the last row's limits count
    values = BASE + [30, 32] * 6  # second period: mean 31, limits 25.68 … 36.32
    result = xmr(series(values), HIGHER, target=20, recalculate_at=[12])
    assert result.assurance is Assurance.PASS
    assert xmr(series(values), HIGHER, target=20, recalculate_at=[12], baseline=12).assurance is Assurance.PASS
    assert xmr(series(BASE), HIGHER, target=20).assurance is Assurance.FAIL


def test_a_limits_period_of_one_point_is_refused():
    with pytest.raises(ValueError, match="fewer than two points"):
        xmr(series(RNORM), recalculate_at=[19])


def test_agrees_with_abspc_where_no_moving_range_is_screened():
    # abspc (Aneurin Bevan UHB) is a second implementation: its limits use 3/1.128 = 2.6596 where Making Data
    # Count uses 2.66, and it does not screen moving ranges, so it agrees where no range is screened out.
    from abspc.spc import _rule1_astronomical, _rule2_shift, _rule3_trend, calculate_control_limits

    values = [
        10,
        9.5,
        10.5,
        10,
        9.5,
        10.5,
        10,
        10.6,
        10.8,
        10.7,
        10.9,
        10.6,
        10.8,
        10.7,
        9.6,
        9.8,
        10,
        10.2,
        10.4,
        10.6,
        10.8,
    ]
    theirs = calculate_control_limits(pd.DataFrame({"value": values}), "XmR")
    ours = xmr(series(values))
    assert [p.upper for p in ours.points] == pytest.approx(list(theirs["ucl"]), rel=1e-3)
    assert [p.lower for p in ours.points] == pytest.approx(list(theirs["lcl"]), rel=1e-3)
    array = np.array(values, dtype=float)
    astronomical = _rule1_astronomical(array, theirs["ucl"].to_numpy(), theirs["lcl"].to_numpy())
    assert [B in p.rules for p in ours.points] == list(astronomical)
    assert [RUN in p.rules for p in ours.points] == list(_rule2_shift(array, theirs["mean"].to_numpy(), run_length=7))
    assert [T in p.rules for p in ours.points] == list(_rule3_trend(array, run_length=7))
    assert any(RUN in p.rules for p in ours.points) and any(T in p.rules for p in ours.points)


# --- properties --------------------------------------------------------------------------------------

values_strategy = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)


@given(values_strategy)
def test_limits_contain_the_mean_and_rules_decide_the_kind(values):
    result = xmr(series(values), HIGHER)
    for point in result.points:
        assert point.lower <= point.mean <= point.upper
        assert point.special_cause == bool(point.rules) == (point.kind is not Kind.COMMON)
        assert list(point.rules) == sorted(point.rules, key=list(Rule).index)


@given(values_strategy, st.integers(-10_000, 10_000))
def test_shifting_every_value_shifts_the_limits_and_keeps_every_flag(values, shift):
    a, b = xmr(series(values), HIGHER), xmr(series([v + shift for v in values]), HIGHER)
    for p, q in zip(a.points, b.points, strict=True):
        assert q.mean == pytest.approx(p.mean + shift, abs=1e-9)
        assert (q.rules, q.kind) == (p.rules, p.kind)


@given(values_strategy)
def test_mirroring_the_values_swaps_improvement_and_concern(values):
    a, b = xmr(series(values), HIGHER), xmr(series([-v for v in values]), LOWER)
    assert [p.rules for p in a.points] == [q.rules for q in b.points]
    assert kinds(a) == kinds(b)
    opposite = {"improvement": "concern", "concern": "improvement", "common": "common"}
    assert kinds(xmr(series(values), LOWER)) == [opposite[k] for k in kinds(a)]


@given(st.lists(st.integers(-100, 100), min_size=4, max_size=40), st.data())
def test_each_limits_period_is_judged_alone(values, data):
    cut = data.draw(st.integers(2, len(values) - 2))
    whole = xmr(series(values), HIGHER, recalculate_at=[cut])
    alone = xmr(series(values)[cut:], HIGHER)
    assert [(p.rules, p.kind, p.mean) for p in whole.points[cut:]] == [(p.rules, p.kind, p.mean) for p in alone.points]


@given(st.integers(-1000, 1000), st.integers(2, 30))
def test_a_constant_series_has_no_special_cause(value, n):
    result = xmr(series([value] * n))
    assert not any(p.special_cause for p in result.points)
