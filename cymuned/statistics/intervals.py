"""Confidence intervals. Before and after: the mean change of paired scores with its 95 % confidence
interval from the exact quantile of Student's t (no table, no switch to 1.96), with the people lost to
follow-up and the share reaching a stated threshold reported beside it.

Student's t distribution function comes from the regularised incomplete beta function (a continued
fraction, evaluated to double precision); the quantile is found by bisection on it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

_EPSILON = 1e-16
_TINY = 1e-300


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            step = c * d
            h *= step
        if abs(step - 1.0) < _EPSILON:
            return h
    raise ArithmeticError("the incomplete beta fraction did not converge")


def regularised_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with df degrees of freedom."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    if t * t < df:  # near the centre: P(|T| ≤ t) directly, so nothing cancels
        half = 0.5 * regularised_beta(0.5, df / 2.0, t * t / (df + t * t))
        return 0.5 + half if t > 0 else 0.5 - half
    tail = 0.5 * regularised_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t with P(T ≤ t) = p, to double precision."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def t95(df: int) -> float:
    """The two-sided 95 % critical value of t: its 97.5th percentile."""
    if df < 1:
        raise ValueError("at least two pairs are needed")
    return t_quantile(0.975, df)


@dataclass(frozen=True)
class Change:
    pairs: int
    mean_before: float
    mean_after: float
    mean_change: float
    low: float
    high: float
    lost_to_follow_up: int = 0  # people with a score before and none after
    threshold: float | None = None
    reaching_before: int = 0  # of the pairs, how many reached the threshold before
    reaching_after: int = 0  # … and after
    higher_is_better: bool = True  # reaching means ≥ the threshold; else ≤

    @property
    def share_reaching_before(self) -> float | None:
        return None if self.threshold is None else self.reaching_before / self.pairs

    @property
    def share_reaching_after(self) -> float | None:
        return None if self.threshold is None else self.reaching_after / self.pairs


def paired_change(
    before: Sequence[float],
    after: Sequence[float | None],
    threshold: float | None = None,
    higher_is_better: bool = True,
) -> Change:
    """Mean change after − before of the complete pairs with its 95 % CI (paired t). A `None` after is a
    person lost to follow-up: counted, and left out of the pairs. With a threshold, how many of the pairs
    reach it (score ≥ threshold, or ≤ where lower is better) before and after."""
    if len(before) != len(after):
        raise ValueError("before and after must be paired")
    pairs = [(float(b), float(a)) for b, a in zip(before, after, strict=True) if a is not None]
    lost = len(before) - len(pairs)
    n = len(pairs)
    if n < 2:
        raise ValueError("at least two pairs are needed")

    def reaches(score: float) -> bool:
        return threshold is not None and (score >= threshold if higher_is_better else score <= threshold)

    differences = [a - b for b, a in pairs]
    mean = math.fsum(differences) / n
    sd = math.sqrt(math.fsum((d - mean) ** 2 for d in differences) / (n - 1))
    margin = t95(n - 1) * sd / math.sqrt(n)
    return Change(
        n,
        math.fsum(b for b, _a in pairs) / n,
        math.fsum(a for _b, a in pairs) / n,
        mean,
        mean - margin,
        mean + margin,
        lost,
        threshold,
        sum(reaches(b) for b, _a in pairs),
        sum(reaches(a) for _b, a in pairs),
        higher_is_better,
    )
