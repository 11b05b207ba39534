"""Statistical process control the NHS "Making Data Count" way: an XmR chart with its special-cause
rules, variation and assurance icons, and limits recalculated from a chosen point.

Why not `abspc` (Aneurin Bevan's package) directly: it draws with matplotlib and works on pandas
frames, which would put both on every page request, and its shift and trend rules are fixed at 8 and
6 points where our users' guidance asks for 7. The statistics are small, so they are written here
over plain lists; the tests check the limits and rules against abspc's own functions.

Limits: mean ± 2.66 × the mean moving range (3 sigma); the "near a limit" zone is beyond
mean ± 1.77 × the mean moving range (2 sigma). Rules: (1) a point beyond a limit; (2) a run of 7
points on one side of the mean; (3) 7 points each rising or each falling; (4) 2 of 3 consecutive
points near a limit on the same side. The variation icon describes the latest point.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

SIGMA3 = 2.66
SIGMA2 = 1.77


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
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
    label: str
    value: float
    mean: float
    upper: float
    lower: float
    beyond_limits: bool
    in_run: bool
    in_trend: bool
    two_of_three: bool

    @property
    def special_cause(self) -> bool:
        return self.beyond_limits or self.in_run or self.in_trend or self.two_of_three

    @property
    def side(self) -> str:
        return "high" if self.value > self.mean else "low"


@dataclass(frozen=True)
class SpcResult:
    points: tuple[SpcPoint, ...]
    direction: Direction
    target: float | None
    variation: Variation
    assurance: Assurance | None

    def kind(self, point: SpcPoint) -> str:
        """improvement, concern, neither (a special cause without a good direction) or common."""
        if not point.special_cause:
            return "common"
        if self.direction is Direction.NEITHER:
            return "neither"
        good = "high" if self.direction is Direction.HIGHER_IS_BETTER else "low"
        return "improvement" if point.side == good else "concern"

    @property
    def summary(self) -> str:
        texts = {
            Variation.COMMON_CAUSE: _("Common cause variation: no significant change."),
            Variation.IMPROVEMENT_HIGH: _("Special cause variation: improvement (higher values)."),
            Variation.IMPROVEMENT_LOW: _("Special cause variation: improvement (lower values)."),
            Variation.CONCERN_HIGH: _("Special cause variation: concern (higher values)."),
            Variation.CONCERN_LOW: _("Special cause variation: concern (lower values)."),
            Variation.NEITHER_HIGH: _("Special cause variation: higher values."),
            Variation.NEITHER_LOW: _("Special cause variation: lower values."),
        }
        assurance = {
            Assurance.PASS: _("The process will consistently meet the target."),
            Assurance.FAIL: _("The process will consistently miss the target."),
            Assurance.HIT_OR_MISS: _("The process will hit and miss the target at random."),
            None: "",
        }
        return f"{texts[self.variation]} {assurance[self.assurance]}".strip()


def _limits(values: list[float]) -> tuple[float, float]:
    """Mean and mean moving range of a segment."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    return mean, (sum(ranges) / len(ranges) if ranges else 0.0)


def _segments(n: int, recalculate_at: Sequence[int]) -> list[range]:
    cuts = sorted({c for c in recalculate_at if 0 < c < n})
    starts = [0, *cuts]
    ends = [*cuts, n]
    return [range(s, e) for s, e in zip(starts, ends, strict=True)]


def _runs(flags_side: list[int], length: int) -> list[bool]:
    """Mark every point in a run of `length` or more equal non-zero sides."""
    marked = [False] * len(flags_side)
    start = 0
    for i in range(1, len(flags_side) + 1):
        if i == len(flags_side) or flags_side[i] != flags_side[start]:
            if flags_side[start] != 0 and i - start >= length:
                marked[start:i] = [True] * (i - start)
            start = i
    return marked


def xmr(
    points: Sequence[tuple[str, Decimal | float | int]],
    direction: Direction = Direction.NEITHER,
    target: Decimal | float | None = None,
    recalculate_at: Sequence[int] = (),
    baseline: int | None = None,
    run_length: int = 7,
) -> SpcResult:
    """An XmR chart. `recalculate_at` lists indexes where new limits begin; `baseline` computes each
    segment's limits from its first N points only."""
    if len(points) < 2:
        raise ValueError(_("At least two points are needed for a chart."))
    labels = [str(label) for label, _v in points]
    values = [float(v) for _l, v in points]
    means, uppers, lowers, near_up, near_low = [], [], [], [], []
    for segment in _segments(len(values), recalculate_at):
        chosen = [values[i] for i in segment]
        basis = chosen[:baseline] if baseline and baseline >= 2 else chosen
        mean, mr = _limits(basis if len(basis) >= 2 else chosen)
        for _i in segment:
            means.append(mean)
            uppers.append(mean + SIGMA3 * mr)
            lowers.append(mean - SIGMA3 * mr)
            near_up.append(mean + SIGMA2 * mr)
            near_low.append(mean - SIGMA2 * mr)
    n = len(values)
    # Floating-point sums put a constant series a hair off its own mean; within this tolerance a
    # value counts as on the line.
    tol = [1e-9 * max(1.0, abs(means[i])) for i in range(n)]
    beyond = [values[i] > uppers[i] + tol[i] or values[i] < lowers[i] - tol[i] for i in range(n)]
    side = [(values[i] > means[i] + tol[i]) - (values[i] < means[i] - tol[i]) for i in range(n)]
    in_run = _runs(side, run_length)
    steps = [0] + [(values[i] > values[i - 1] + tol[i]) - (values[i] < values[i - 1] - tol[i]) for i in range(1, n)]
    in_trend = [False] * n
    for i, marked in enumerate(_runs(steps, run_length - 1)):
        if marked:  # run_length − 1 rising steps join run_length points
            in_trend[i] = True
            in_trend[i - 1] = True
    near = [
        (values[i] > near_up[i] + tol[i] and not beyond[i]) - (values[i] < near_low[i] - tol[i] and not beyond[i])
        for i in range(n)
    ]
    two_of_three = [False] * n
    for start in range(n - 2):
        window = range(start, start + 3)
        for sign in (1, -1):
            close = [i for i in window if near[i] == sign]
            if len(close) >= 2 and all(side[i] == sign for i in window):
                for i in close:
                    two_of_three[i] = True
    spc_points = tuple(
        SpcPoint(
            labels[i],
            values[i],
            means[i],
            uppers[i],
            lowers[i],
            beyond[i],
            in_run[i],
            in_trend[i],
            two_of_three[i],
        )
        for i in range(n)
    )
    latest = spc_points[-1]
    target_value = None if target is None else float(target)
    return SpcResult(
        spc_points,
        Direction(direction),
        target_value,
        _variation(latest, Direction(direction)),
        _assurance(latest, Direction(direction), target_value),
    )


def _variation(point: SpcPoint, direction: Direction) -> Variation:
    if not point.special_cause:
        return Variation.COMMON_CAUSE
    if direction is Direction.NEITHER:
        return Variation.NEITHER_HIGH if point.side == "high" else Variation.NEITHER_LOW
    good = "high" if direction is Direction.HIGHER_IS_BETTER else "low"
    if point.side == good:
        return Variation.IMPROVEMENT_HIGH if good == "high" else Variation.IMPROVEMENT_LOW
    return Variation.CONCERN_HIGH if point.side == "high" else Variation.CONCERN_LOW


def _assurance(point: SpcPoint, direction: Direction, target: float | None) -> Assurance | None:
    if target is None or direction is Direction.NEITHER:
        return None
    if point.lower <= target <= point.upper:
        return Assurance.HIT_OR_MISS
    meets = point.lower > target if direction is Direction.HIGHER_IS_BETTER else point.upper < target
    return Assurance.PASS if meets else Assurance.FAIL
