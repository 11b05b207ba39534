"""Comparing a unit's value with a comparator the Fingertips way, and disclosure control.

Significance (Public Health England's Fingertips, "compared with benchmark" by confidence intervals):
*higher* when the unit's lower 95 % limit is above the comparator's value, *lower* when its upper 95 %
limit is below it, otherwise *similar*. A limit exactly on the comparator's value is *similar*. With the
indicator's polarity the outcome is judged: *better*, *worse* or *similar*; an indicator with no
polarity (a list size, an age share) is given no judgement.

Disclosure control: a value resting on a count below 5 is not shown (the count, the value and its
interval are withheld), and the reader is told so.
"""

from enum import StrEnum

SUPPRESS_BELOW = 5


class Polarity(StrEnum):
    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NEUTRAL = "neutral"


class Significance(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"


class Judgement(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SIMILAR = "similar"


def significance(lower_95: float, upper_95: float, comparator: float) -> Significance:
    if lower_95 > upper_95:
        raise ValueError("the lower limit is above the upper limit")
    if lower_95 > comparator:
        return Significance.HIGHER
    if upper_95 < comparator:
        return Significance.LOWER
    return Significance.SIMILAR


def judgement(outcome: Significance, polarity: Polarity) -> Judgement | None:
    """Better, worse or similar by the indicator's polarity; None for an indicator with none."""
    if polarity is Polarity.NEUTRAL:
        return None
    if outcome is Significance.SIMILAR:
        return Judgement.SIMILAR
    good = Significance.HIGHER if polarity is Polarity.HIGH_IS_GOOD else Significance.LOWER
    return Judgement.BETTER if outcome is good else Judgement.WORSE


def suppressed(*counts: int | None) -> bool:
    """Whether a figure resting on these counts is withheld: any known count below 5."""
    return any(count is not None and count < SUPPRESS_BELOW for count in counts)
