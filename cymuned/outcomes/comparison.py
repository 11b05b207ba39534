"""Before and after: the mean change of paired scores with its 95 % confidence interval (paired t)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Two-sided 95 % critical values of Student's t by degrees of freedom; beyond 120 the normal 1.96.
T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    50: 2.009,
    60: 2.000,
    80: 1.990,
    100: 1.984,
    120: 1.980,
}


def t95(df: int) -> float:
    if df < 1:
        raise ValueError("at least two pairs are needed")
    if df in T95:
        return T95[df]
    if df > 120:
        return 1.96
    lower = max(k for k in T95 if k < df)
    upper = min(k for k in T95 if k > df)
    return T95[lower] + (T95[upper] - T95[lower]) * (df - lower) / (upper - lower)


@dataclass(frozen=True)
class Change:
    pairs: int
    mean_before: float
    mean_after: float
    mean_change: float
    low: float
    high: float


def paired_change(before: Sequence[float], after: Sequence[float]) -> Change:
    if len(before) != len(after):
        raise ValueError("before and after must be paired")
    n = len(before)
    if n < 2:
        raise ValueError("at least two pairs are needed")
    differences = [a - b for b, a in zip(before, after, strict=True)]
    mean = sum(differences) / n
    sd = math.sqrt(sum((d - mean) ** 2 for d in differences) / (n - 1))
    margin = t95(n - 1) * sd / math.sqrt(n)
    return Change(n, sum(before) / n, sum(after) / n, mean, mean - margin, mean + margin)
