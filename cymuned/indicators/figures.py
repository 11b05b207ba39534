"""From counts to figures: aggregation, values with confidence intervals, suppression and comparison.

**Aggregation.** A cluster, a neighbourhood (on a chosen date, through its practices' memberships), a
health board and Wales each take the counts of their practices, summed — numerators with numerators,
denominators with denominators — and the rate is worked out again from the sums, never averaged. Where
a figure is published for the area itself (a StatsWales row for a cluster, a board or Wales) it is used
instead, and the figure says which it is (`published` or `sum_of_practices`).

**Values.** Per cent and per 1,000 to two places, per 100,000 to one, counts whole, halves rounded up;
95 % and 99.8 % intervals by the definition's method (Wilson for proportions; Byar's, exact below 10
events, for rates). A figure resting on a count below 5 is withheld (disclosure control).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from cymuned.statistics.comparison import Judgement, Polarity, Significance, judgement, significance, suppressed
from cymuned.statistics.proportions import Interval, rate_interval, wilson

from .definitions import CiMethod, Unit

PLACES = {Unit.PERCENT: 2, Unit.PER_1000: 2, Unit.PER_100000: 1, Unit.COUNT: 0}


class Basis(StrEnum):
    PUBLISHED = "published"
    SUM_OF_PRACTICES = "sum_of_practices"


@dataclass(frozen=True)
class Counts:
    numerator: int
    denominator: int | None  # None for a count with no rate


def add(counts: Iterable[Counts | None]) -> Counts | None:
    """The sum of the practices' counts that are known (None when none is)."""
    known = [c for c in counts if c is not None]
    if not known:
        return None
    denominators = [c.denominator for c in known]
    return Counts(
        sum(c.numerator for c in known),
        None if any(d is None for d in denominators) else sum(d for d in denominators if d is not None),
    )


def choose(published: Counts | None, practices: Counts | None) -> tuple[Counts | None, Basis | None]:
    """The published row where there is one, else the sum of the practices."""
    if published is not None:
        return published, Basis.PUBLISHED
    if practices is not None:
        return practices, Basis.SUM_OF_PRACTICES
    return None, None


@dataclass(frozen=True)
class Figure:
    numerator: int | None
    denominator: int | None
    value: float | None
    lower_95: float | None = None
    upper_95: float | None = None
    lower_998: float | None = None
    upper_998: float | None = None
    suppressed: bool = False
    basis: Basis | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.suppressed


NO_FIGURE = Figure(None, None, None)


def _scaled(interval: Interval, multiplier: int) -> Interval:
    return Interval(interval.lower * multiplier, interval.upper * multiplier)


def figure(counts: Counts | None, unit: Unit, method: CiMethod, basis: Basis | None = None) -> Figure:
    """The value of counts in the unit, with its 95 % and 99.8 % intervals; withheld below 5."""
    if counts is None:
        return NO_FIGURE
    if unit is Unit.COUNT or counts.denominator is None:
        return Figure(counts.numerator, None, float(counts.numerator), basis=basis)
    if counts.denominator <= 0 or counts.numerator > counts.denominator and method is CiMethod.WILSON:
        return Figure(counts.numerator, counts.denominator, None, basis=basis)
    if suppressed(counts.numerator, counts.denominator):
        return Figure(None, None, None, suppressed=True, basis=basis)
    multiplier = unit.multiplier
    value = counts.numerator / counts.denominator * multiplier
    if method is CiMethod.WILSON:
        i95 = _scaled(wilson(counts.numerator, counts.denominator, 0.95), multiplier)
        i998 = _scaled(wilson(counts.numerator, counts.denominator, 0.998), multiplier)
    elif method is CiMethod.BYAR:
        i95 = rate_interval(counts.numerator, counts.denominator, multiplier, 0.95)
        i998 = rate_interval(counts.numerator, counts.denominator, multiplier, 0.998)
    else:
        return Figure(counts.numerator, counts.denominator, value, basis=basis)
    return Figure(
        counts.numerator, counts.denominator, value, i95.lower, i95.upper, i998.lower, i998.upper, basis=basis
    )


def decimal_text(value: float | None, unit: Unit) -> str | None:
    """A value as a decimal string in the unit's places ("8.10"); None stays None."""
    if value is None:
        return None
    places = PLACES[unit]
    quantum = Decimal(1).scaleb(-places)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Comparison:
    significance: Significance | None
    judgement: Judgement | None


def compare(unit_figure: Figure, comparator: Figure, polarity: Polarity) -> Comparison:
    """Fingertips: the unit's 95 % interval against the comparator's value; nothing when either is
    missing or withheld, or the unit has no interval."""
    if (
        not unit_figure.shown
        or not comparator.shown
        or unit_figure.lower_95 is None
        or unit_figure.upper_95 is None
        or comparator.value is None
    ):
        return Comparison(None, None)
    outcome = significance(unit_figure.lower_95, unit_figure.upper_95, comparator.value)
    return Comparison(outcome, judgement(outcome, polarity))
