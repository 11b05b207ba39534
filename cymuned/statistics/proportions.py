"""Confidence intervals for proportions and rates, the public health way.

- **Wilson score** intervals for proportions (Wilson 1927; Newcombe and Altman in *Statistics with
  Confidence*, 2000), as in PHEindicatormethods' `wilson_lower`/`wilson_upper`.
- **Byar's method** for counts and rates (Breslow and Day 1987), with the **exact Poisson** interval (from
  the chi-squared, i.e. gamma, distribution) for counts below 10, as in PHEindicatormethods' `phe_rate`.
- **Funnel-plot control limits** for a proportion around a comparator value: the limits a unit of that
  size would fall within by chance alone (PHEindicatormethods' `sigma_adjustment`, the Wilson score
  inverted).

Levels are given as 0.95 and 0.998 (the 95 % and 99.8 % intervals Fingertips shows). Everything here is
plain floats in and out; callers round for display.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

EXACT_BELOW = 10  # counts below this use the exact Poisson interval, not Byar's approximation
_STANDARD_NORMAL = NormalDist()


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


def z_for(level: float) -> float:
    """The two-sided critical value of the standard normal distribution: 1.95996… for 0.95."""
    if not 0.0 < level < 1.0:
        raise ValueError("a confidence level lies strictly between 0 and 1")
    return _STANDARD_NORMAL.inv_cdf(level + (1.0 - level) / 2.0)


def wilson(count: float, total: float, level: float = 0.95) -> Interval:
    """The Wilson score interval of the proportion count/total (0 ≤ count ≤ total, total > 0)."""
    if total <= 0:
        raise ValueError("the denominator must be positive")
    if not 0 <= count <= total:
        raise ValueError("the numerator must lie between 0 and the denominator")
    z = z_for(level)
    z2 = z * z
    p = count / total
    centre = 2.0 * count + z2
    spread = z * math.sqrt(z2 + 4.0 * count * (1.0 - p))
    scale = 2.0 * (total + z2)
    return Interval(max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale))


def _lower_gamma_regularised(shape: float, x: float) -> float:
    """P(shape, x): the regularised lower incomplete gamma function (series, or continued fraction)."""
    if x <= 0.0:
        return 0.0
    log_front = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1.0:
        term = total = 1.0 / shape
        a = shape
        for _ in range(100_000):
            a += 1.0
            term *= x / a
            total += term
            if abs(term) < abs(total) * 1e-16:
                return min(1.0, total * math.exp(log_front))
        raise ArithmeticError("the incomplete gamma series did not converge")
    # Lentz's continued fraction for Q = 1 − P
    tiny = 1e-300
    b = x + 1.0 - shape
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 100_000):
        an = -i * (i - shape)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-16:
            return max(0.0, 1.0 - math.exp(log_front) * h)
    raise ArithmeticError("the incomplete gamma fraction did not converge")


def gamma_quantile(p: float, shape: float) -> float:
    """The x with P(shape, x) = p for the standard gamma distribution (qchisq(p, 2·shape) / 2)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if shape <= 0.0:
        raise ValueError("the shape must be positive")
    low, high = 0.0, max(1.0, shape)
    while _lower_gamma_regularised(shape, high) < p:
        low, high = high, high * 2.0
    for _ in range(400):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if _lower_gamma_regularised(shape, middle) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def poisson_exact(count: int, level: float = 0.95) -> Interval:
    """The exact interval of a Poisson count (Armitage and Berry): chi-squared quantiles halved."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    alpha = 1.0 - level
    lower = 0.0 if count == 0 else gamma_quantile(alpha / 2.0, count)
    return Interval(lower, gamma_quantile(1.0 - alpha / 2.0, count + 1))


def byar(count: int, level: float = 0.95) -> Interval:
    """Byar's approximation to the Poisson interval of a count (Breslow and Day 1987)."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    z = z_for(level)
    upper = (count + 1) * (1.0 - 1.0 / (9.0 * (count + 1)) + z / (3.0 * math.sqrt(count + 1))) ** 3
    if count == 0:
        return Interval(0.0, upper)
    lower = count * (1.0 - 1.0 / (9.0 * count) - z / (3.0 * math.sqrt(count))) ** 3
    return Interval(max(0.0, lower), upper)


def count_interval(count: int, level: float = 0.95) -> Interval:
    """The interval of a count as Fingertips gives it: exact below 10 events, Byar's from 10."""
    return poisson_exact(count, level) if count < EXACT_BELOW else byar(count, level)


def rate_interval(count: int, population: float, multiplier: float, level: float = 0.95) -> Interval:
    """The interval of a crude rate count/population × multiplier (per 1,000, per 100,000…)."""
    if population <= 0:
        raise ValueError("the population must be positive")
    counts = count_interval(count, level)
    return Interval(counts.lower / population * multiplier, counts.upper / population * multiplier)


def funnel_limits(comparator: float, total: float, level: float) -> Interval:
    """The control limits of a proportion from a unit of `total` people around the comparator
    proportion (0 < comparator < 1): the Wilson score interval turned round, so that a unit whose
    own proportion falls outside them differs from the comparator at that level. Clipped to 0–1."""
    if total <= 0:
        raise ValueError("the denominator must be positive")
    if not 0.0 < comparator < 1.0:
        raise ValueError("the comparator must lie strictly between 0 and 1")
    z = z_for(level)
    z2 = z * z
    p, n = comparator, total
    first = p * (n / z2 + 1.0)
    root = math.sqrt(
        (-8.0 * p * (n / z2 + 1.0)) ** 2
        - 64.0 * (1.0 / z2 + 1.0 / n) * p * (n * (p * (n / z2 + 2.0) - 1.0) + z2 * (p - 1.0))
    )
    last = 1.0 / z2 + 1.0 / n
    low = (first - root / 8.0) / last / n
    high = (first + root / 8.0) / last / n
    return Interval(max(0.0, low), min(1.0, high))
