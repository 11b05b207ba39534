"""Statistical process control as NHS England's "Making Data Count" draws it: an XmR chart, its four
special-cause rules, and the variation and assurance icons, following NHSRplotthedots (the NHS-R
Community's package, which reproduces the Making Data Count Excel tool) rule for rule.

Limits (per limits period): the mean of the period's values (or of its first `baseline` values) ± 2.66 ×
the mean moving range; moving ranges of 3.267 × their mean or more are screened out before that mean
is taken. The 2σ line lies at exactly 2/3 of that distance. Arithmetic is exact (rational numbers), so a
value exactly on a line is on it.

Rules, evaluated within one limits period only (a recalculation starts afresh):
- beyond_limits: a value above the upper or below the lower limit (on a limit is inside);
- trend: seven values each strictly higher (or lower) than the one before; a tie breaks a trend;
- two_of_three: three consecutive values on one side of the mean of which two or more lie beyond the 2σ
  line but not beyond the limits; the values beyond 2σ are marked (a value beyond 3σ does not count);
- run: seven consecutive values on one side of the mean; a value on the mean breaks a run.
A point marked by several rules takes its direction from the first of: beyond_limits, trend,
two_of_three, run. A trend point takes the direction of the trend, not its side of the mean.

Fewer than 12 values behind a period's limits make them provisional: a warning is given and, when the
latest period is provisional, no variation or assurance icon.

Plain functions over plain values: no Django, no database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

SIGMA3 = Fraction("2.66")
SIGMA2 = SIGMA3 * 2 / 3  # exactly 1.7733…, never rounded
MOVING_RANGE_SCREEN = Fraction("3.267")
RULE_LENGTH = 7  # points in a run or a trend
FEWEST_POINTS = 12  # fewer than this behind the limits: provisional


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    NEITHER = "neither"


class Rule(StrEnum):
    """The special-cause rules in their order of precedence."""

    BEYOND_LIMITS = "beyond_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN = "run"


class Kind(StrEnum):
    COMMON = "common"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEITHER = "neither"


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEITHER_HIGH = "neither_high"
    NEITHER_LOW = "neither_low"


class Assurance(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    HIT_OR_MISS = "hit_or_miss"


@dataclass(frozen=True)
class SpcPoint:
    period: str
    value: float
    mean: float
    upper: float
    lower: float
    rules: tuple[Rule, ...]  # every rule that marks the point, in order of precedence
    kind: Kind
    high: int  # +1 the deciding rule points up (above, increasing), -1 down, 0 common cause
    limits_period: int  # 0 for the first limits period, 1 after the first recalculation, …
    provisional: bool  # the limits rest on fewer than 12 values

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)

    @property
    def label(self) -> str:
        return self.period


@dataclass(frozen=True)
class ShortPeriod:
    """A limits period whose limits rest on fewer than 12 values."""

    first: str
    last: str
    values: int  # how many values the limits rest on


@dataclass(frozen=True)
class SpcResult:
    points: tuple[SpcPoint, ...]
    direction: Direction
    target: float | None
    variation: Variation | None  # None when the latest limits are provisional
    assurance: Assurance | None  # None without a target, for "neither", or when provisional
    short_periods: tuple[ShortPeriod, ...]

    def kind(self, point: SpcPoint) -> str:
        return str(point.kind)


def _sign(x: Fraction | int | float) -> int:
    return (x > 0) - (x < 0)


def part_of_seven(ends: list[int]) -> list[bool]:
    """A point is part of a run or trend when it, or one of the six after it, ends one."""
    return [any(ends[i : i + RULE_LENGTH]) for i in range(len(ends))]


def seven_one_side(side: list[int]) -> list[int]:
    """1 where a point ends seven on one side of the mean (side: +1 above, -1 below, 0 on it)."""
    last = RULE_LENGTH - 1
    return [
        1 if i >= last and side[i] != 0 and all(s == side[i] for s in side[i - last : i]) else 0
        for i in range(len(side))
    ]


def seven_trend(values: Sequence[Fraction | int | float]) -> list[int]:
    """+1 / -1 where a point ends seven each strictly higher / lower than the one before."""
    steps = [0] + [_sign(b - a) for a, b in pairwise(values)]
    last = RULE_LENGTH - 1
    return [
        steps[i] if i >= last and steps[i] != 0 and all(s == steps[i] for s in steps[i - last + 1 : i]) else 0
        for i in range(len(values))
    ]


def two_in_three_windows(close: Sequence[bool | int], side: Sequence[int]) -> list[bool]:
    """Whether a point lies in a window of three consecutive points, all on one side of the mean, of which
    two or more are close to a limit (beyond 2σ, not beyond 3σ)."""
    n = len(close)
    qualifying = [
        start for start in range(n - 2) if sum(close[start : start + 3]) >= 2 and abs(sum(side[start : start + 3])) == 3
    ]
    return [any(start <= i < start + 3 for start in qualifying) for i in range(n)]


def part_of_two_in_three(windows: Sequence[bool], close: Sequence[bool | int]) -> list[bool]:
    """The points a two-of-three marks: those of a qualifying window that are themselves close to a limit."""
    return [bool(w) and bool(c) for w, c in zip(windows, close, strict=True)]


def _trend_direction(values: list[Fraction], in_trend: list[bool], i: int) -> int:
    """The direction of the trend a point belongs to: the step to the next point when that point is in a
    trend too, else the step from the previous point (NHSRplotthedots). Where the step to the next point
    is a tie, the two points cannot share a trend, so the step from the previous point decides."""
    if i + 1 < len(values) and in_trend[i + 1] and in_trend[i] and values[i + 1] != values[i]:
        return _sign(values[i + 1] - values[i])
    if i == 0:
        return _sign(values[1] - values[0])
    return _sign(values[i] - values[i - 1])


@dataclass(frozen=True)
class _Limits:
    mean: Fraction
    upper: Fraction
    lower: Fraction
    near_upper: Fraction
    near_lower: Fraction
    basis: int


def limits(values: Sequence[Fraction]) -> _Limits:
    """Mean and limits from values (at least two), moving ranges screened as NHSRplotthedots does."""
    mean = sum(values, Fraction(0)) / len(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    average = sum(ranges, Fraction(0)) / len(ranges)
    kept = [r for r in ranges if r < MOVING_RANGE_SCREEN * average]
    # A constant basis screens out every (zero) range; its limits are the mean itself.
    average = sum(kept, Fraction(0)) / len(kept) if kept else Fraction(0)
    return _Limits(
        mean,
        mean + SIGMA3 * average,
        mean - SIGMA3 * average,
        mean + SIGMA2 * average,
        mean - SIGMA2 * average,
        len(values),
    )


def _exact(value: Decimal | float | int | Fraction) -> Fraction:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise ValueError(f"{value} is not a number")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{value} is not a number")
    return Fraction(value)


def periods_of(n: int, recalculate_at: Sequence[int]) -> list[range]:
    cuts = sorted({c for c in recalculate_at if 0 < c < n})
    return [range(s, e) for s, e in zip([0, *cuts], [*cuts, n], strict=True)]


def xmr(
    points: Sequence[tuple[str, Decimal | float | int]],
    direction: Direction | str = Direction.NEITHER,
    target: Decimal | float | int | None = None,
    recalculate_at: Sequence[int] = (),
    baseline: int | None = None,
) -> SpcResult:
    """An XmR chart of (period, value) pairs in time order. `recalculate_at` lists the indexes where a new
    limits period begins; `baseline` fixes each limits period's limits on its first N values."""
    direction = Direction(direction)
    if baseline is not None and baseline < 2:
        raise ValueError("the baseline needs at least two points")
    labels = [str(label) for label, _v in points]
    values = [_exact(v) for _l, v in points]
    out: list[SpcPoint] = []
    short: list[ShortPeriod] = []
    for number, period in enumerate(periods_of(len(values), recalculate_at)):
        ys = [values[i] for i in period]
        basis = ys[:baseline] if baseline else ys
        if len(basis) < 2:
            raise ValueError(f"the limits period starting at {labels[period.start]} has fewer than two points")
        found = limits(basis)
        provisional = found.basis < FEWEST_POINTS
        if provisional:
            short.append(ShortPeriod(labels[period.start], labels[period.stop - 1], found.basis))
        out.extend(_classify(labels[period.start : period.stop], ys, found, direction, number, provisional))
    points_out = tuple(out)
    if not points_out:
        raise ValueError("at least two points are needed")
    latest = points_out[-1]
    target_value = None if target is None else _exact(target)
    last_limits = limits(_basis_of_last(values, recalculate_at, baseline))
    return SpcResult(
        points_out,
        direction,
        None if target_value is None else float(target_value),
        None if latest.provisional else _variation(latest, direction),
        None if latest.provisional else assurance(last_limits.lower, last_limits.upper, direction, target_value),
        tuple(short),
    )


def _basis_of_last(values: list[Fraction], recalculate_at: Sequence[int], baseline: int | None) -> list[Fraction]:
    last = periods_of(len(values), recalculate_at)[-1]
    ys = [values[i] for i in last]
    return ys[:baseline] if baseline else ys


def _classify(
    labels: list[str], ys: list[Fraction], found: _Limits, direction: Direction, number: int, provisional: bool
) -> list[SpcPoint]:
    outside = [y > found.upper or y < found.lower for y in ys]
    side = [_sign(y - found.mean) for y in ys]
    close = [not o and (y > found.near_upper or y < found.near_lower) for y, o in zip(ys, outside, strict=True)]
    in_trend = part_of_seven(seven_trend(ys))
    in_run = part_of_seven(seven_one_side(side))
    in_two = part_of_two_in_three(two_in_three_windows(close, side), close)
    orient = {Direction.HIGHER_IS_BETTER: 1, Direction.LOWER_IS_BETTER: -1, Direction.NEITHER: 0}[direction]
    made = []
    for i, y in enumerate(ys):
        rules = tuple(
            rule
            for rule, fires in (
                (Rule.BEYOND_LIMITS, outside[i]),
                (Rule.TREND, in_trend[i]),
                (Rule.TWO_OF_THREE, in_two[i]),
                (Rule.RUN, in_run[i]),
            )
            if fires
        )
        if not rules:
            high = 0
        elif rules[0] is Rule.TREND:
            high = 1 if _trend_direction(ys, in_trend, i) == 1 else -1
        else:
            high = 1 if side[i] == 1 else -1
        made.append(
            SpcPoint(
                labels[i],
                float(y),
                float(found.mean),
                float(found.upper),
                float(found.lower),
                rules,
                _kind(high, orient),
                high,
                number,
                provisional,
            )
        )
    return made


def _kind(high: int, orient: int) -> Kind:
    if high == 0:
        return Kind.COMMON
    if orient == 0:
        return Kind.NEITHER
    return Kind.IMPROVEMENT if high * orient > 0 else Kind.CONCERN


def _variation(point: SpcPoint, direction: Direction) -> Variation:
    """The variation icon: what the latest point shows."""
    if point.kind is Kind.COMMON:
        return Variation.COMMON_CAUSE
    if point.kind is Kind.NEITHER:
        return Variation.NEITHER_HIGH if point.high > 0 else Variation.NEITHER_LOW
    higher = direction is Direction.HIGHER_IS_BETTER
    if point.kind is Kind.IMPROVEMENT:
        return Variation.IMPROVEMENT_HIGH if higher else Variation.IMPROVEMENT_LOW
    return Variation.CONCERN_LOW if higher else Variation.CONCERN_HIGH


def assurance(
    lower: Fraction | float, upper: Fraction | float, direction: Direction, target: Fraction | float | None
) -> Assurance | None:
    """The assurance icon: where the target lies against the latest limits (on a limit is hit or miss)."""
    if target is None or direction is Direction.NEITHER:
        return None
    higher = direction is Direction.HIGHER_IS_BETTER
    if target > upper:
        return Assurance.FAIL if higher else Assurance.PASS
    if target < lower:
        return Assurance.PASS if higher else Assurance.FAIL
    return Assurance.HIT_OR_MISS
