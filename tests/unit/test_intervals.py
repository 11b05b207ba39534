"""Confidence intervals: the exact t quantile and the before/after change of paired scores.

Independent references: closed forms of Student's t quantile for 1, 2 and 4 degrees of freedom (exact
algebra of the distribution function, e.g. Hill 1970, "Algorithm 396: Student's t-quantiles", CACM 13(10)),
published two-sided 95 % critical values (NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2,
to three decimals), and hand-worked paired differences."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.statistics.intervals import paired_change, t95, t_cdf, t_quantile


def closed_form(p: float, df: int) -> float:
    if df == 1:  # Cauchy: t = tan(π(p − ½))
        return math.tan(math.pi * (p - 0.5))
    if df == 2:  # t = (2p − 1) / √(2p(1 − p))
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    if df == 4:  # α = 4p(1 − p), q = cos(⅓ arccos √α) / √α, t = sign(p − ½) 2 √(q − 1)
        alpha = 4 * p * (1 - p)
        q = math.cos(math.acos(math.sqrt(alpha)) / 3) / math.sqrt(alpha)
        return math.copysign(2 * math.sqrt(q - 1), p - 0.5)
    raise ValueError(df)


@pytest.mark.parametrize("df", [1, 2, 4])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.1, 0.025])
def test_quantile_agrees_with_the_closed_forms(p, df):
    assert t_quantile(p, df) == pytest.approx(closed_form(p, df), rel=1e-11)


@pytest.mark.parametrize(
    ("df", "published"),
    # NIST/SEMATECH e-Handbook table 1.3.6.7.2, column 0.975
    [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042), (60, 2.000), (100, 1.984)],
)
def test_quantile_agrees_with_the_published_table(df, published):
    assert round(t95(df), 3) == published


def test_no_switch_to_the_normal_beyond_120_degrees_of_freedom():
    # The old table jumped from t(120) = 1.980 to 1.96 at 121. The exact quantile falls smoothly towards
    # the normal's 1.959964 (the 97.5th percentile of the standard normal) and stays above it.
    values = [t95(df) for df in (119, 120, 121, 200, 500, 1000, 100_000)]
    assert values == sorted(values, reverse=True)
    assert 1.96 < t95(121) < t95(120) and round(t95(120), 3) == 1.980  # NIST table: t(120) = 1.980
    assert round(t95(500), 4) == 1.9647  # R: qt(0.975, 500) = 1.964720
    # Large ν: the Cornish–Fisher expansion about z = 1.959963984540054 (Abramowitz & Stegun 26.7.5)
    z = 1.959963984540054
    for df in (1000, 100_000):
        expansion = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        assert t95(df) == pytest.approx(expansion, abs=1e-8)


@given(st.floats(0.001, 0.999), st.integers(1, 400))
def test_quantile_inverts_the_distribution_function(p, df):
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-12)


def test_paired_change_worked_example():
    # differences 2, 4, 6: mean 4, sd 2, se 2/√3; t(2) = 4.302652729749464 (closed form above)
    change = paired_change([10, 10, 10], [12, 14, 16])
    margin = closed_form(0.975, 2) * 2 / math.sqrt(3)
    assert change.mean_change == pytest.approx(4)
    assert (change.low, change.high) == pytest.approx((4 - margin, 4 + margin), rel=1e-12)
    assert change.lost_to_follow_up == 0 and change.threshold is None


def test_lost_to_follow_up_are_counted_and_left_out_of_the_pairs():
    # five children scored before; two have no score after. The three pairs are those of the worked example.
    change = paired_change([10, 10, 18, 10, 22], [12, 14, None, 16, None])
    assert (change.pairs, change.lost_to_follow_up) == (3, 2)
    assert (change.mean_before, change.mean_after, change.mean_change) == pytest.approx((10, 14, 4))


def test_share_reaching_a_threshold():
    # C-ACT ≥ 20 is asthma under control: before 19, 20, 15, 22 → 2 of 4; after 21, 23, 19, 25 → 3 of 4.
    change = paired_change([19, 20, 15, 22], [21, 23, 19, 25], threshold=20)
    assert (change.reaching_before, change.reaching_after) == (2, 3)
    assert (change.share_reaching_before, change.share_reaching_after) == (0.5, 0.75)
    lower = paired_change([19, 20, 15, 22], [21, 23, 19, 25], threshold=20, higher_is_better=False)
    assert (lower.reaching_before, lower.reaching_after) == (3, 1)  # at or below 20


def test_paired_change_needs_two_complete_pairs():
    with pytest.raises(ValueError):
        paired_change([1], [2])
    with pytest.raises(ValueError):
        paired_change([1, 2, 3], [2, None, None])
