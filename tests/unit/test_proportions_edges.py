"""The refusals and edge cases of cymuned/statistics/proportions.py. Expected intervals are the exact
(Garwood) Poisson limits published in the Public Health England / OHID Fingertips technical guide's
table of 95 % limits for small counts (0: 0 to 3.6889; 1: 0.0253 to 5.5716; 5: 1.6235 to 11.6683;
10: 4.7954 to 18.3904)."""

import math

import pytest

from cymuned.statistics import proportions as p


@pytest.mark.parametrize(
    ("count", "lower", "upper"),
    [(0, 0.0, 3.6889), (1, 0.0253, 5.5716), (5, 1.6235, 11.6683), (10, 4.7954, 18.3904)],
)
def test_exact_poisson_limits_match_the_published_table(count, lower, upper):
    found = p.poisson_exact(count)
    assert found.lower == pytest.approx(lower, abs=1e-4) and found.upper == pytest.approx(upper, abs=1e-4)


def test_byars_approximation_is_close_to_the_exact_limits_from_ten():
    exact, approximate = p.poisson_exact(10), p.byar(10)
    assert approximate.lower == pytest.approx(exact.lower, rel=0.01)
    assert approximate.upper == pytest.approx(exact.upper, rel=0.01)
    # no events: the lower limit is 0 and the upper is Byar's for one event's worth
    assert p.byar(0).lower == 0.0 and p.byar(0).upper == pytest.approx(3.6889, rel=0.01)
    # count_interval: exact below 10, Byar's from 10
    assert p.count_interval(9) == p.poisson_exact(9) and p.count_interval(10) == p.byar(10)


def test_a_zero_x_has_no_mass_and_the_gamma_quantile_inverts_the_distribution():
    assert p._lower_gamma_regularised(3.0, 0.0) == 0.0
    # the exponential distribution (shape 1): P(1, x) = 1 - e^-x, so the median is ln 2
    assert p.gamma_quantile(0.5, 1.0) == pytest.approx(math.log(2), rel=1e-9)
    # a large x takes the continued fraction: P(2, 10) = 1 - 11 e^-10
    assert p._lower_gamma_regularised(2.0, 10.0) == pytest.approx(1 - 11 * math.exp(-10), rel=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: p.z_for(1.0), "strictly between 0 and 1"),
        (lambda: p.z_for(0.0), "strictly between 0 and 1"),
        (lambda: p.wilson(1, 0), "denominator must be positive"),
        (lambda: p.wilson(5, 4), "between 0 and the denominator"),
        (lambda: p.wilson(-1, 4), "between 0 and the denominator"),
        (lambda: p.gamma_quantile(0.0, 1.0), "strictly between 0 and 1"),
        (lambda: p.gamma_quantile(0.5, 0.0), "shape must be positive"),
        (lambda: p.poisson_exact(-1), "cannot be negative"),
        (lambda: p.byar(-1), "cannot be negative"),
        (lambda: p.rate_interval(3, 0, 1000), "population must be positive"),
        (lambda: p.funnel_limits(0.5, 0, 0.95), "denominator must be positive"),
        (lambda: p.funnel_limits(1.0, 100, 0.95), "strictly between 0 and 1"),
    ],
)
def test_impossible_inputs_are_refused_with_a_reason(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_rate_is_the_count_interval_scaled():
    # 10 events in 2,000 people per 1,000: Byar's limits for 10, divided by 2,000, times 1,000
    counts = p.byar(10)
    rate = p.rate_interval(10, 2000, 1000)
    assert rate.lower == pytest.approx(counts.lower / 2) and rate.upper == pytest.approx(counts.upper / 2)
