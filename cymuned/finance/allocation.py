"""Dividing a total between clusters: by registered population, by deprivation, or a blend, with a
pace of change that moves each cluster from its current allocation towards its target.

Deprivation weighting: each cluster's patients are counted by the Welsh Index of Multiple Deprivation
(WIMD 2019) decile of the small area (LSOA) where they live, and each patient counts with the weight
of that decile. The default weights run in equal steps from 1.5 for decile 1 (the most deprived tenth
of Wales) to 0.6 for decile 10 (the least deprived), so a patient in the most deprived tenth counts
two and a half times one in the least. They are stated on the allocation page and editable there.

Every share is rounded to the penny by the largest remainder method, so the shares add up to the
total exactly: each share is first rounded down, then the pennies left over go one each to the
shares with the largest remainders (ties to the earlier cluster code).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from math import ceil

from django.utils.translation import gettext as _

PENNY = Decimal("0.01")
WIMD_2019_LSOAS = 1909
DEFAULT_DECILE_WEIGHTS: dict[int, Decimal] = {d: Decimal("1.5") - Decimal("0.1") * (d - 1) for d in range(1, 11)}


class Basis(StrEnum):
    POPULATION = "population"
    DEPRIVATION = "deprivation"
    BLEND = "blend"


def decile_from_rank(rank: int, total: int = WIMD_2019_LSOAS) -> int:
    """WIMD rank 1 is the most deprived LSOA; decile 1 is the most deprived tenth."""
    if not 1 <= rank <= total:
        raise ValueError(f"rank {rank} is not between 1 and {total}")
    return min(10, max(1, ceil(rank * 10 / total)))


def largest_remainder(total: Decimal, weights: Mapping[str, Decimal | int]) -> dict[str, Decimal]:
    """Shares of `total` in proportion to `weights`, to the penny, adding up exactly."""
    if total < 0:
        raise ValueError("the total may not be negative")
    if any(Decimal(w) < 0 for w in weights.values()):
        raise ValueError("weights may not be negative")
    weight_sum = sum((Decimal(w) for w in weights.values()), Decimal(0))
    if weight_sum == 0:
        raise ValueError("there is nothing to share by: every weight is zero")
    pennies = int((Decimal(total) / PENNY).to_integral_value())
    exact = {key: Decimal(w) * pennies / weight_sum for key, w in weights.items()}
    floors = {key: int(value.to_integral_value(rounding=ROUND_FLOOR)) for key, value in exact.items()}
    left = pennies - sum(floors.values())
    order = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in order[:left]:
        floors[key] += 1
    return {key: Decimal(floors[key]) * PENNY for key in weights}


def deprivation_weights(
    patients_by_decile: Mapping[str, Mapping[int, int]],
    decile_weights: Mapping[int, Decimal] = DEFAULT_DECILE_WEIGHTS,
) -> dict[str, Decimal]:
    return {
        cluster: sum((Decimal(n) * decile_weights[d] for d, n in deciles.items()), Decimal(0))
        for cluster, deciles in patients_by_decile.items()
    }


def allocate(
    total: Decimal,
    basis: Basis,
    population: Mapping[str, int],
    patients_by_decile: Mapping[str, Mapping[int, int]] | None = None,
    weight: Decimal = Decimal("0.5"),
    decile_weights: Mapping[int, Decimal] = DEFAULT_DECILE_WEIGHTS,
) -> dict[str, Decimal]:
    """Each cluster's target share of `total` on the chosen basis."""
    if basis is Basis.POPULATION:
        return largest_remainder(total, population)
    deprived = deprivation_weights(patients_by_decile or {}, decile_weights)
    deprived = {cluster: deprived.get(cluster, Decimal(0)) for cluster in population}
    if basis is Basis.DEPRIVATION:
        return largest_remainder(total, deprived)
    if not Decimal(0) <= weight <= 1:
        raise ValueError("the blend weight must be between 0 and 1")
    pop_sum = sum(population.values())
    dep_sum = sum(deprived.values())
    if pop_sum == 0 or dep_sum == 0:
        raise ValueError("there is nothing to share by: every weight is zero")
    mixed = {c: weight * deprived[c] / dep_sum + (1 - weight) * Decimal(population[c]) / pop_sum for c in population}
    return largest_remainder(total, mixed)


@dataclass(frozen=True)
class ClusterAllocation:
    cluster: str
    current: Decimal
    target: Decimal
    path: tuple[Decimal, ...]  # one allocation per year of the pace of change
    reaches_target: bool

    @property
    def difference(self) -> Decimal:
        return self.target - self.current


def pace_of_change(
    current: Mapping[str, Decimal], target: Mapping[str, Decimal], years: int, cap_pct: Decimal
) -> dict[str, tuple[Decimal, ...]]:
    """Move from current to target over `years`, each cluster changing by at most `cap_pct` % of its
    previous year's allocation in any year, each year adding up to the target total to the penny.

    Each year every cluster aims for an equal step of what remains; steps beyond the cap are clipped,
    and what clipping leaves unbalanced is shared among the clusters with room to move, in proportion
    to that room, until the year balances."""
    if years < 1:
        raise ValueError("the pace of change needs at least one year")
    if cap_pct < 0:
        raise ValueError("the cap may not be negative")
    total = sum(target.values(), Decimal(0))
    cap = Decimal(cap_pct) / 100
    previous = {c: Decimal(current.get(c, 0)) for c in target}
    paths: dict[str, list[Decimal]] = {c: [] for c in target}
    for year in range(years):
        remaining = years - year
        low = {c: previous[c] * (1 - cap) for c in target}
        high = {c: previous[c] * (1 + cap) if previous[c] > 0 else total for c in target}
        wish = {c: min(high[c], max(low[c], previous[c] + (target[c] - previous[c]) / remaining)) for c in target}
        # First balance without pushing anyone away from their target, then within the caps alone.
        toward_low = {c: max(low[c], previous[c]) if target[c] >= previous[c] else low[c] for c in target}
        toward_high = {c: min(high[c], previous[c]) if target[c] < previous[c] else high[c] for c in target}
        wish = _balance(_balance(wish, toward_low, toward_high, total), low, high, total)
        year_amounts = largest_remainder(total, wish) if sum(wish.values()) > 0 else dict(wish)
        for c in target:
            paths[c].append(year_amounts[c])
        previous = year_amounts
    return {c: tuple(p) for c, p in paths.items()}


def _balance(
    wish: Mapping[str, Decimal], low: Mapping[str, Decimal], high: Mapping[str, Decimal], total: Decimal
) -> dict[str, Decimal]:
    """Shift the amounts within [low, high] until they add up to `total` (water-filling)."""
    amounts = dict(wish)
    for _round in range(100):
        gap = total - sum(amounts.values())
        if abs(gap) < PENNY / 100:
            break
        room = {c: (high[c] - amounts[c]) if gap > 0 else (amounts[c] - low[c]) for c in amounts}
        room = {c: r for c, r in room.items() if r > 0}
        if not room:
            break  # the cap makes balance impossible this year; rounding settles what is left
        share = sum(room.values())
        for c, r in room.items():
            step = min(r, abs(gap) * r / share)
            amounts[c] += step if gap > 0 else -step
    return amounts


def plan(
    current: Mapping[str, Decimal], target: Mapping[str, Decimal], years: int, cap_pct: Decimal
) -> list[ClusterAllocation]:
    paths = pace_of_change(current, target, years, cap_pct)
    return [
        ClusterAllocation(
            cluster=c,
            current=Decimal(current.get(c, 0)),
            target=target[c],
            path=paths[c],
            reaches_target=abs(paths[c][-1] - target[c]) <= PENNY,
        )
        for c in sorted(target)
    ]


def explain(basis: Basis, weight: Decimal, decile_weights: Mapping[int, Decimal] = DEFAULT_DECILE_WEIGHTS) -> list[str]:
    """The formula in words a finance business partner can check by hand."""
    lines = [
        _(
            "Population: each cluster's share is its registered patients (the list sizes of its GP practices, added up) divided by all registered patients, times the total."
        ),
        _(
            "Deprivation: each patient is counted with the weight of the WIMD 2019 decile of the area (LSOA) where they live — %(weights)s — and each cluster's share is its weighted patients divided by all weighted patients, times the total."
        )
        % {"weights": ", ".join(f"{d}: {w}" for d, w in sorted(decile_weights.items()))},
    ]
    if basis is Basis.BLEND:
        lines.append(
            _("Blend: %(dep)s %% of the deprivation share plus %(pop)s %% of the population share.")
            % {"dep": f"{weight * 100:g}", "pop": f"{(1 - weight) * 100:g}"}
        )
    lines.append(
        _(
            "Every share is rounded down to the penny and the pennies left over go one each to the largest remainders, so the shares add up to the total exactly."
        )
    )
    lines.append(
        _(
            "Pace of change: each year every cluster moves an equal step of the way that remains to its target, but by no more than the cap (a percentage of its previous year's allocation); what that leaves over is shared among the clusters with room to move."
        )
    )
    return lines
