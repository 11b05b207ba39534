"""Adding staff in post up to clusters, neighbourhoods or health boards.

A figure recorded for a practice belongs wholly to the practice's cluster, neighbourhood and board on
the date, so practice-level figures roll up exactly. A figure recorded for a larger unit (a cluster, a
neighbourhood, a board) goes to the units it overlaps in proportion to the registered patients of the
practices it shares with each; when that divides it, each part is an estimate. Parts are shared by
largest remainder (FTE to the hundredth, headcount to the whole person, ties to the earlier code), so
the parts always add up to the figure and every grouping has the same total.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FTE_STEP = Decimal("0.01")
# A full-time week of a GP or clinical leader in Wales is nine sessions of 4 hours 10 minutes (37.5 hours).
SESSIONS_PER_FTE = Decimal(9)
PER = 10_000


@dataclass(frozen=True)
class Figure:
    unit: str  # the code of the unit the figure was recorded for
    staff_group: str
    headcount: int | None
    fte: Decimal


@dataclass
class Cell:
    headcount: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    estimated: bool = False  # some of it is a share of a figure recorded for a larger unit
    headcount_unknown: bool = False  # some figure gave FTE only (the StatsWales layout)


def apportion(amount: Decimal, weights: Mapping[str, int], step: Decimal) -> dict[str, Decimal]:
    """Share an amount in proportion to the weights, in whole steps, by largest remainder: every part
    rounded down to a step, then one step each to the largest remainders (ties to the earlier key)."""
    positive = {key: weight for key, weight in weights.items() if weight > 0}
    if not positive:
        raise ValueError("nothing to share between")
    total_weight = sum(positive.values())
    steps = int((amount / step).to_integral_value(ROUND_HALF_UP))
    exact = {key: Decimal(steps) * weight / total_weight for key, weight in positive.items()}
    floors = {key: int(value) for key, value in exact.items()}
    left = steps - sum(floors.values())
    for key in sorted(positive, key=lambda k: (-(exact[k] - floors[k]), k))[:left]:
        floors[key] += 1
    return {key: floors[key] * step for key in sorted(floors)}


def roll_up(figures: Iterable[Figure], shares: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, Cell]]:
    """Cells by target unit and staff group. `shares[unit]` gives, for the unit a figure was recorded
    for, each target unit's weight (registered patients in common); a unit with one target goes there
    whole. A figure whose unit has no target is left out (the caller reports it)."""
    table: dict[str, dict[str, Cell]] = defaultdict(lambda: defaultdict(Cell))
    for figure in figures:
        targets = {t: w for t, w in shares.get(figure.unit, {}).items() if w > 0}
        if not targets:
            continue
        if len(targets) == 1:
            fte_parts = {next(iter(targets)): figure.fte}
            head_parts = {next(iter(targets)): Decimal(figure.headcount or 0)}
        else:
            fte_parts = apportion(figure.fte, targets, FTE_STEP)
            head_parts = apportion(Decimal(figure.headcount or 0), targets, Decimal(1))
        for target, fte in fte_parts.items():
            cell = table[target][figure.staff_group]
            cell.fte += fte
            cell.headcount += head_parts[target]
            cell.estimated |= len(targets) > 1
            cell.headcount_unknown |= figure.headcount is None
    return {target: dict(groups) for target, groups in table.items()}


def per_10000(fte: Decimal, patients: int) -> Decimal | None:
    """FTE per 10,000 registered patients, to the hundredth (half up); none without patients."""
    if patients <= 0:
        return None
    return (fte * PER / patients).quantize(FTE_STEP, ROUND_HALF_UP)


def sessions_to_fte(sessions: Decimal) -> Decimal:
    """Sessions a week as whole-time equivalent (nine sessions are one FTE), to the hundredth."""
    return (sessions / SESSIONS_PER_FTE).quantize(FTE_STEP, ROUND_HALF_UP)
