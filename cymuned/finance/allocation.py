"""Dividing a total between clusters: by registered population, by deprivation, a blend of the two,
by age-weighted population, or the needs blend of age and deprivation, with a pace of change that
moves each cluster from its current allocation towards its target.

Deprivation weighting: each cluster's patients are counted by the Welsh Index of Multiple Deprivation
(WIMD 2019) decile of the small area (LSOA) where they live, and each patient counts with the weight
of that decile. The default weights run in equal steps from 1.5 for decile 1 (the most deprived tenth
of Wales) to 0.6 for decile 10 (the least deprived), so a patient in the most deprived tenth counts
two and a half times one in the least. They are stated on the allocation page and editable there.

Age weighting (the needs-weighted population): each cluster's registered patients are counted by
five-year age band, each band with its weight (the `age-band-weights` definition: 1.3 for the
under-fives, 0.6 at 10-14, rising to 2.7 for those aged 85 and over), the usual shape of a capitation
formula. The needs blend mixes each cluster's share of the age-weighted population with its share of
the deprivation-weighted patients, by the same blend weight as the population–deprivation blend.

Every share is rounded to the penny by the largest remainder method, so the shares add up to the
total exactly: each share is first rounded down, then the pennies left over go one each to the
shares with the largest remainders (ties to the earlier cluster code).

The pace of change (`pace_of_change`), one year at a time:

1. The change of the total is shared first, in proportion to the clusters' allocations of the year
   before (in the first year: their current allocations), to the penny by largest remainder. This
   uniform change is the cluster's *starting point* for the year. A cluster with no current
   allocation (no budget the year before) starts at its target, and the others share what is left.
2. On top of that, each cluster moves towards its target by at most the cap: `cap %` of its starting
   point, rounded down to the penny. The step is always towards the target and never past it.
3. The money one cluster moves up must come from clusters moving down, so the year moves as much as
   the tighter side allows (front-loaded: as far as the cap allows, every year). Every cluster on the
   tighter side moves its full step. On the other side the movement is given first to the clusters
   that would otherwise fall furthest behind (the least room to spare to reach the target in the
   years that remain), so every target that can be reached in the years given is reached. Steps are
   whole pennies, and every year adds up to the total exactly.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PENNY = Decimal("0.01")


def age_weights_of(definition: Mapping[str, Any]) -> dict[str, Decimal]:
    """The band weights of an `age-band-weights` definition: {"0-4": Decimal("1.3"), …, "85+": …}."""
    weights = {str(band): Decimal(str(w)) for band, w in definition["weights"].items()}
    if not weights or any(w < 0 for w in weights.values()):
        raise ValueError("age band weights need a weight of 0 or more for each band")
    return weights


def weights_of(definition: Mapping[str, Any]) -> dict[int, Decimal]:
    """The decile weights of a `wimd-decile-weights` definition: {1: Decimal("1.5"), …, 10: …}."""
    weights = {int(d): Decimal(str(w)) for d, w in definition["weights"].items()}
    if sorted(weights) != list(range(1, 11)) or any(w < 0 for w in weights.values()):
        raise ValueError("decile weights need a weight of 0 or more for each decile 1 to 10")
    return weights


YEARS_SEARCHED = 50  # how far ahead a warning looks for the year every target would be reached


class Basis(StrEnum):
    POPULATION = "population"
    DEPRIVATION = "deprivation"
    BLEND = "blend"
    AGE = "age"  # the age-weighted (needs-weighted) population
    NEEDS = "needs"  # the blend of the age-weighted population with deprivation

    @property
    def label(self) -> str:
        return {
            "population": _("population"),
            "deprivation": _("deprivation"),
            "blend": _("blend"),
            "age": _("age-weighted population"),
            "needs": _("needs blend (age and deprivation)"),
        }[self.value]

    @property
    def needs_ages(self) -> bool:
        return self in (Basis.AGE, Basis.NEEDS)

    @property
    def needs_deprivation(self) -> bool:
        return self is not Basis.POPULATION and self is not Basis.AGE


def largest_remainder(total: Decimal, weights: Mapping[str, Decimal | int | Fraction]) -> dict[str, Decimal]:
    """Shares of `total` in proportion to `weights`, to the penny, adding up exactly."""
    if total < 0:
        raise ValueError("the total may not be negative")
    return {key: Decimal(p) * PENNY for key, p in _share_pennies(_pennies(total), weights).items()}


def _share_pennies(pennies: int, weights: Mapping[str, Decimal | int | Fraction]) -> dict[str, int]:
    exact_weights = {key: Fraction(w) for key, w in weights.items()}
    if any(w < 0 for w in exact_weights.values()):
        raise ValueError("weights may not be negative")
    weight_sum = sum(exact_weights.values(), Fraction(0))
    if weight_sum == 0:
        raise ValueError("there is nothing to share by: every weight is zero")
    return _round_to_sum({key: w * pennies / weight_sum for key, w in exact_weights.items()}, pennies)


def _round_to_sum(exact: Mapping[str, Fraction], pennies: int) -> dict[str, int]:
    """Round down, then one penny each to the largest remainders (ties to the earlier key)."""
    floors = {key: floor(value) for key, value in exact.items()}
    left = pennies - sum(floors.values())
    order = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in order[:left]:
        floors[key] += 1
    return floors


def _pennies(amount: Decimal | int) -> int:
    value = Decimal(amount) / PENNY
    if value != value.to_integral_value(rounding=ROUND_FLOOR):
        raise ValueError(f"{amount} is not a whole number of pennies")
    return int(value)


def deprivation_weights(
    patients_by_decile: Mapping[str, Mapping[int, int]],
    decile_weights: Mapping[int, Decimal],
) -> dict[str, Decimal]:
    return {
        cluster: sum((Decimal(n) * decile_weights[d] for d, n in deciles.items()), Decimal(0))
        for cluster, deciles in patients_by_decile.items()
    }


def basis_weights(
    basis: Basis,
    population: Mapping[str, int],
    patients_by_decile: Mapping[str, Mapping[int, int]] | None = None,
    weight: Decimal = Decimal("0.5"),
    *,
    decile_weights: Mapping[int, Decimal],
    age_weighted: Mapping[str, Fraction] | None = None,
) -> dict[str, Fraction]:
    """What each cluster's share is in proportion to on the chosen basis. The same weights divide a
    split cluster's target between neighbourhoods: pass its parts (e.g. the practices going each way)
    as if they were clusters, with `totals` of the whole. `age_weighted` (from
    `age_weighted_population`) is needed by the age-weighted and needs bases only."""
    return _mix(basis, population, patients_by_decile or {}, weight, decile_weights, None, age_weighted)


def _mix(
    basis: Basis,
    population: Mapping[str, int],
    patients_by_decile: Mapping[str, Mapping[int, int]],
    weight: Decimal,
    decile_weights: Mapping[int, Decimal],
    totals: tuple[int | Fraction, Fraction, Fraction] | None,
    age_weighted: Mapping[str, Fraction] | None = None,
) -> dict[str, Fraction]:
    """`totals`: (registered patients, deprivation-weighted patients, age-weighted patients) of the
    whole, when the shares are of parts of it (a split cluster's neighbourhoods)."""
    if basis is Basis.POPULATION:
        return {c: Fraction(n) for c, n in population.items()}
    aged: dict[str, Fraction] = {}
    if basis.needs_ages:
        if age_weighted is None:
            raise ValueError("no registered patients by age band: import list sizes by age band first")
        aged = {c: Fraction(age_weighted.get(c, 0)) for c in population}
        if basis is Basis.AGE:
            return aged
    by_weight = deprivation_weights(patients_by_decile, decile_weights)
    deprived = {c: Fraction(by_weight.get(c, Decimal(0))) for c in population}
    if basis is Basis.DEPRIVATION:
        return deprived
    if basis is Basis.NEEDS:
        return needs_blend(aged, deprived, weight, totals=(totals[2], totals[1]) if totals else None)
    if not Decimal(0) <= weight <= 1:
        raise ValueError("the blend weight must be between 0 and 1")
    pop_sum, dep_sum = (totals[0], totals[1]) if totals else (sum(population.values()), sum(deprived.values()))
    if pop_sum == 0 or dep_sum == 0:
        raise ValueError("there is nothing to share by: every weight is zero")
    w = Fraction(weight)
    return {c: w * deprived[c] / dep_sum + (1 - w) * Fraction(population[c]) / pop_sum for c in population}


def age_weighted_population(
    patients_by_band: Mapping[str, Mapping[str, int]], age_weights: Mapping[str, Decimal]
) -> dict[str, Fraction]:
    """Needs-weighted population (issue 16 item 7): each cluster's registered patients by age band,
    each band counted with its weight — the usual shape of a capitation formula. The weights are data
    (stated and editable, like the decile weights); a band the file holds but the weights do not name
    is refused rather than counted as zero.

    Worked example (hand calculation): 1,000 patients aged 0-4 at weight 1.2 and 500 aged 85+ at
    weight 3.0 make 1,200 + 1,500 = 2,700 weighted patients."""
    found: dict[str, Fraction] = {}
    for cluster, bands in patients_by_band.items():
        total = Fraction(0)
        for band, patients in bands.items():
            if band not in age_weights:
                raise ValueError(f"no weight is given for the age band {band}")
            if age_weights[band] < 0 or patients < 0:
                raise ValueError("weights and patients may not be negative")
            total += Fraction(patients) * Fraction(age_weights[band])
        found[cluster] = total
    return found


def needs_blend(
    age_weighted: Mapping[str, Fraction],
    deprived: Mapping[str, Fraction | Decimal],
    weight: Decimal,
    *,
    totals: tuple[Fraction, Fraction] | None = None,
) -> dict[str, Fraction]:
    """The blend of the age-weighted population with deprivation: each cluster's share of Wales's
    age-weighted population and its share of the deprivation-weighted patients, mixed `weight` of the
    second to `1 - weight` of the first (the shares, not the raw numbers, so neither scale dominates).

    Worked example (hand calculation): two clusters with age-weighted populations 2,700 and 1,300
    (shares 0.675 and 0.325) and deprivation weights 1,000 and 3,000 (shares 0.25 and 0.75), blended
    half and half: 0.4625 and 0.5375. `totals` (age-weighted, deprivation-weighted) of the whole, when
    the keys are parts of it."""
    if not Decimal(0) <= weight <= 1:
        raise ValueError("the blend weight must be between 0 and 1")
    age_sum, dep_sum = totals or (
        sum(age_weighted.values(), Fraction(0)),
        sum((Fraction(v) for v in deprived.values()), Fraction(0)),
    )
    if age_sum == 0 or dep_sum == 0:
        raise ValueError("there is nothing to share by: every weight is zero")
    w = Fraction(weight)
    return {c: (1 - w) * age_weighted[c] / age_sum + w * Fraction(deprived.get(c, 0)) / dep_sum for c in age_weighted}


def split_weights(
    basis: Basis,
    parts: Mapping[str, tuple[int, Mapping[int, int]]],
    all_population: int,
    all_by_decile: Mapping[int, int],
    weight: Decimal = Decimal("0.5"),
    *,
    decile_weights: Mapping[int, Decimal],
    parts_age_weighted: Mapping[str, Fraction] | None = None,
    all_age_weighted: Fraction = Fraction(0),
) -> dict[str, Fraction]:
    """The weights that divide a split cluster's target between the places its practices go: each
    part's (registered patients, patients by decile, age-weighted patients) weighed exactly as the
    target was made, the blends against the totals of all clusters."""
    population = {key: n for key, (n, _d) in parts.items()}
    by_decile = {key: d for key, (_n, d) in parts.items()}
    dep_total = Fraction(deprivation_weights({"": all_by_decile}, decile_weights)[""])
    return _mix(
        basis,
        population,
        by_decile,
        weight,
        decile_weights,
        (all_population, dep_total, all_age_weighted),
        parts_age_weighted,
    )


def allocate(
    total: Decimal,
    basis: Basis,
    population: Mapping[str, int],
    patients_by_decile: Mapping[str, Mapping[int, int]] | None = None,
    weight: Decimal = Decimal("0.5"),
    *,
    decile_weights: Mapping[int, Decimal],
    age_weighted: Mapping[str, Fraction] | None = None,
) -> dict[str, Decimal]:
    """Each cluster's target share of `total` on the chosen basis."""
    return largest_remainder(
        total,
        basis_weights(
            basis, population, patients_by_decile, weight, decile_weights=decile_weights, age_weighted=age_weighted
        ),
    )


# -- coverage -----------------------------------------------------------------------------------

COVERAGE_WARNING_PCT = Decimal(95)


@dataclass(frozen=True)
class Coverage:
    """How many of a cluster's registered patients the practice–LSOA rows place in an LSOA."""

    cluster: str
    registered: int
    with_lsoa: int

    @property
    def pct(self) -> Decimal | None:
        if self.registered == 0:
            return None
        return (Decimal(self.with_lsoa) * 100 / self.registered).quantize(Decimal("0.1"))


def coverage_problems(coverage: list[Coverage], names: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(refusals, warnings): the deprivation basis is refused for a cluster with registered patients
    but none placed in an LSOA; coverage below 95 % and clusters with no patients are warned of."""
    refusals, warnings = [], []
    for row in coverage:
        name = names.get(row.cluster, row.cluster)
        if row.registered == 0:
            warnings.append(
                _("%(cluster)s has no registered patients: its target is £0 on every basis.") % {"cluster": name}
            )
        elif row.with_lsoa == 0:
            refusals.append(
                _(
                    "%(cluster)s has %(n)s registered patients but none placed in an LSOA (no practice–LSOA rows): the deprivation basis cannot be worked out until they are imported."
                )
                % {"cluster": name, "n": f"{row.registered:,}"}
            )
        elif row.pct is not None and row.pct < COVERAGE_WARNING_PCT:
            warnings.append(
                _(
                    "%(cluster)s: only %(pct)s %% of its registered patients are placed in an LSOA, so its deprivation share counts only those."
                )
                % {"cluster": name, "pct": row.pct}
            )
    return refusals, warnings


# -- pace of change -----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Plan:
    allocations: list[ClusterAllocation]
    years_needed: int | None  # years in which every target is reached; None: not within YEARS_SEARCHED
    warnings: list[str] = field(default_factory=list)


def pace_of_change(
    current: Mapping[str, Decimal], target: Mapping[str, Decimal], years: int, cap_pct: Decimal
) -> dict[str, tuple[Decimal, ...]]:
    """Each cluster's allocation in each year from current to target under the rule in the module's
    docstring; every year adds up to the sum of the targets to the penny."""
    if years < 1:
        raise ValueError("the pace of change needs at least one year")
    if cap_pct < 0:
        raise ValueError("the cap may not be negative")
    if any(Decimal(v) < 0 for v in [*current.values(), *target.values()]):
        raise ValueError("allocations may not be negative")
    goal = {c: _pennies(target[c]) for c in target}
    previous = {c: _pennies(current.get(c, Decimal(0))) for c in target}
    cap = Fraction(Decimal(cap_pct)) / 100
    paths: dict[str, list[Decimal]] = {c: [] for c in target}
    for year in range(years):
        previous = _year(previous, goal, cap, years - year, first=year == 0)
        for c in target:
            paths[c].append(Decimal(previous[c]) * PENNY)
    return {c: tuple(p) for c, p in paths.items()}


def starting_point(previous: Mapping[str, int], goal: Mapping[str, int]) -> dict[str, int]:
    """Step 1 of the rule, in pennies: the total's change shared in proportion to last year's
    allocations; a cluster with none starts at its target."""
    total = sum(goal.values())
    new = {c for c in goal if previous.get(c, 0) == 0}
    start = {c: goal[c] for c in new}
    rest = total - sum(start.values())
    old = {c: previous[c] for c in goal if c not in new}
    if old:
        start.update(_share_pennies(rest, old))
    return start


def _year(previous: dict[str, int], goal: dict[str, int], cap: Fraction, remaining: int, first: bool) -> dict[str, int]:
    start = starting_point(previous, goal) if first else dict(previous)
    gap = {c: goal[c] - start[c] for c in goal}
    room = {c: min(floor(cap * start[c]), abs(gap[c])) for c in goal}
    up = {c for c in goal if gap[c] > 0}
    down = {c for c in goal if gap[c] < 0}
    up_room, down_room = sum(room[c] for c in up), sum(room[c] for c in down)
    moved = min(up_room, down_room)
    steps = {c: 0 for c in goal}
    for side, side_room, sign in ((up, up_room, 1), (down, down_room, -1)):
        amounts = (
            {c: room[c] for c in side}
            if side_room == moved
            else _share_by_need(side, start, gap, room, moved, cap, remaining, sign)
        )
        for c, amount in amounts.items():
            steps[c] = sign * amount
    return {c: start[c] + steps[c] for c in goal}


def _share_by_need(
    side: set[str],
    start: Mapping[str, int],
    gap: Mapping[str, int],
    room: Mapping[str, int],
    moved: int,
    cap: Fraction,
    remaining: int,
    sign: int,
) -> dict[str, int]:
    """Share `moved` pennies among the clusters of one side, each at most its room, so as to keep the
    smallest spare (what the cluster could still move in the years after this one, less what it will
    still need) as large as possible: water-filling. A cluster's spare after moving y this year is
    b + f·y, where f is the growth of its room over the remaining years (the same for the whole side)."""
    later = remaining - 1
    f = (1 + cap) ** later if sign > 0 else max(Fraction(0), 1 - cap) ** later
    level: dict[str, Fraction] = {}
    for c in side:
        need = abs(gap[c])
        spare_if_still = start[c] * abs(f - 1) - need
        level[c] = spare_if_still / f if f else Fraction(-need)
    fill = _water_fill(level, {c: room[c] for c in side}, moved)
    return _round_to_sum(fill, moved)


def _water_fill(level: Mapping[str, Fraction], room: Mapping[str, int], amount: int) -> dict[str, Fraction]:
    """y[c] = clip(L − level[c], 0, room[c]) with the water line L set so that the y add up to amount."""

    def poured(line: Fraction) -> Fraction:
        return sum((min(max(line - level[c], Fraction(0)), Fraction(room[c])) for c in level), Fraction(0))

    edges = sorted({level[c] for c in level} | {level[c] + room[c] for c in level})
    low = edges[0]
    for edge in edges:
        if poured(edge) >= amount:
            below = poured(low)
            slope = sum(1 for c in level if level[c] <= low < level[c] + room[c])
            line = low if slope == 0 else low + (amount - below) / slope
            return {c: min(max(line - level[c], Fraction(0)), Fraction(room[c])) for c in level}
        low = edge
    return {c: Fraction(room[c]) for c in level}


def plan(
    current: Mapping[str, Decimal],
    target: Mapping[str, Decimal],
    years: int,
    cap_pct: Decimal,
    names: Mapping[str, str] | None = None,
) -> Plan:
    """The pace of change with a warning for each target not reached in the years given, and how many
    years every target would need at this cap."""
    paths = pace_of_change(current, target, years, cap_pct)
    rows = [
        ClusterAllocation(
            cluster=c,
            current=Decimal(current.get(c, 0)).quantize(PENNY),
            target=Decimal(target[c]).quantize(PENNY),
            path=paths[c],
            reaches_target=paths[c][-1] == target[c],
        )
        for c in sorted(target)
    ]
    missed = [r for r in rows if not r.reaches_target]
    if not missed:
        return Plan(rows, years)
    needed = next(
        (
            n
            for n in range(years + 1, YEARS_SEARCHED + 1)
            if all(p[-1] == target[c] for c, p in pace_of_change(current, target, n, cap_pct).items())
        ),
        None,
    )
    warnings = [
        _(
            "%(cluster)s does not reach its target of £%(target)s in %(years)s years at a %(cap)s %% cap: it ends at £%(end)s."
        )
        % {
            "cluster": (names or {}).get(r.cluster, r.cluster),
            "target": f"{r.target:,}",
            "years": years,
            "cap": f"{cap_pct:g}",
            "end": f"{r.path[-1]:,}",
        }
        for r in missed
    ]
    warnings.append(
        ngettext(
            "Every target would be reached in %(n)s year at this cap.",
            "Every target would be reached in %(n)s years at this cap.",
            needed,
        )
        % {"n": needed}
        if needed
        else _("Not every target can be reached within %(n)s years at this cap.") % {"n": YEARS_SEARCHED}
    )
    return Plan(rows, None if needed is None else needed, warnings)


def rule() -> str:
    """The pace-of-change rule in words, for the page and `allocate --format json` ("rule")."""
    return _(
        "Each year the change of the total is first shared in proportion to the clusters' allocations of the year before (a cluster with no allocation the year before starts at its target). On top of that uniform change each cluster moves towards its target by at most the cap, a percentage of its allocation after the uniform change, and never away from or past its target. Money moving up must come from clusters moving down, so each year moves as far as the tighter side allows; on the other side the movement goes first to the clusters that would otherwise fall furthest behind. Every target that can be reached in the years given is reached; amounts are whole pennies and every year adds up to the total."
    )


def explain(
    basis: Basis,
    weight: Decimal,
    decile_weights: Mapping[int, Decimal],
    age_weights: Mapping[str, Decimal] | None = None,
) -> list[str]:
    """The formula in words a finance business partner can check by hand; with `age_weights`, also the
    age-weighted population and the needs blend."""
    lines = [
        _(
            "Population: each cluster's share is its registered patients (the list sizes of its GP practices, added up) divided by all registered patients, times the total."
        ),
        _(
            "Deprivation: each patient is counted with the weight of the WIMD 2019 decile of the area (LSOA) where they live — %(weights)s — and each cluster's share is its weighted patients divided by all weighted patients, times the total."
        )
        % {"weights": ", ".join(f"{d}: {w}" for d, w in sorted(decile_weights.items()))},
    ]
    if basis is Basis.BLEND or age_weights is not None:
        lines.append(
            _("Blend: %(dep)s %% of the deprivation share plus %(pop)s %% of the population share.")
            % {"dep": f"{weight * 100:g}", "pop": f"{(1 - weight) * 100:g}"}
        )
    if age_weights is not None:
        lines.append(
            _(
                "Age-weighted population: each registered patient is counted with the weight of their five-year age band — %(weights)s — and each cluster's share is its weighted patients divided by all weighted patients, times the total."
            )
            % {"weights": ", ".join(f"{band}: {w}" for band, w in age_weights.items())}
        )
        lines.append(
            _("Needs blend: %(dep)s %% of the deprivation share plus %(age)s %% of the age-weighted population share.")
            % {"dep": f"{weight * 100:g}", "age": f"{(1 - weight) * 100:g}"}
        )
    lines.append(
        _(
            "Every share is rounded down to the penny and the pennies left over go one each to the largest remainders, so the shares add up to the total exactly."
        )
    )
    lines.append(_("Pace of change: %(rule)s") % {"rule": rule()})
    return lines


def divide_by_neighbourhood(
    targets: Mapping[str, Decimal],
    parts: Mapping[str, Mapping[str, tuple[int, Mapping[int, int]]]],
    basis: Basis,
    all_population: int,
    all_by_decile: Mapping[int, int],
    weight: Decimal = Decimal("0.5"),
    *,
    decile_weights: Mapping[int, Decimal],
    parts_age_weighted: Mapping[str, Mapping[str, Fraction]] | None = None,
    all_age_weighted: Fraction = Fraction(0),
) -> dict[str, Decimal]:
    """Cluster targets re-added by neighbourhood. A cluster wholly in one neighbourhood moves whole; a
    split cluster's target is divided between the parts its practices go to by the same weights that
    made it (registered patients, deprivation-weighted patients, age-weighted patients or a blend), to
    the penny, so the neighbourhoods add up to the clusters exactly. A part in no neighbourhood is
    keyed ''. `parts_age_weighted`: cluster → part → age-weighted patients, for the age bases."""
    result: dict[str, Decimal] = {}
    for cluster, amount in targets.items():
        places = parts.get(cluster) or {"": (0, {})}
        if len(places) == 1 or amount == 0:
            shares = {next(iter(places)): amount} if len(places) == 1 else dict.fromkeys(places, Decimal(0))
        else:
            weights = split_weights(
                basis,
                places,
                all_population,
                all_by_decile,
                weight,
                decile_weights=decile_weights,
                parts_age_weighted=(parts_age_weighted or {}).get(cluster) if basis.needs_ages else None,
                all_age_weighted=all_age_weighted,
            )
            if not any(weights.values()):
                raise ValueError(f"{cluster} is split between neighbourhoods but its parts have nothing to divide by")
            shares = largest_remainder(amount, weights)
        for place, share in shares.items():
            result[place] = result.get(place, Decimal(0)) + share
    return result
