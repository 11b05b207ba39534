"""Edges of cymuned/statistics/intervals.py. Expected values: the regularised incomplete beta at its
ends (0 and 1 by definition), I_x(1, 1) = x (the uniform distribution), Student's t with one degree of
freedom (the Cauchy distribution: P(T ≤ 1) = 3/4 exactly) and the t table's 97.5th percentiles
(df 1: 12.7062; df 2: 4.3027)."""

import pytest

from cymuned.statistics import intervals as i


def test_the_incomplete_beta_at_its_ends_and_for_the_uniform_distribution():
    assert i.regularised_beta(2.0, 3.0, 0.0) == 0.0 and i.regularised_beta(2.0, 3.0, 1.0) == 1.0
    assert i.regularised_beta(1.0, 1.0, 0.3) == pytest.approx(0.3, rel=1e-12)
    assert i.regularised_beta(1.0, 1.0, 0.9) == pytest.approx(0.9, rel=1e-12)  # the other side's fraction


def test_student_t_against_the_cauchy_distribution_and_the_table():
    assert i.t_cdf(1.0, 1) == pytest.approx(0.75, rel=1e-12)
    assert i.t_cdf(-1.0, 1) == pytest.approx(0.25, rel=1e-12)
    assert i.t_cdf(-5.0, 1) == pytest.approx(0.5 - 0.5 * (2 / 3.141592653589793) * 1.373400766945016, rel=1e-9)
    assert i.t_quantile(0.5, 7) == 0.0
    assert i.t_quantile(0.025, 1) == pytest.approx(-12.7062, abs=1e-4)
    assert i.t95(2) == pytest.approx(4.3027, abs=1e-4)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: i.t_cdf(1.0, 0), "degrees of freedom must be positive"),
        (lambda: i.t_quantile(1.0, 3), "strictly between 0 and 1"),
        (lambda: i.t95(0), "at least two pairs"),
        (lambda: i.paired_change([1.0, 2.0], [1.0]), "must be paired"),
        (lambda: i.paired_change([1.0, 2.0], [1.0, None]), "at least two pairs"),
    ],
)
def test_impossible_inputs_are_refused_with_a_reason(call, message):
    with pytest.raises(ValueError, match=message):
        call()
