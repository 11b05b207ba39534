"""Gathering the counts for a year from the database (a fixed number of queries whatever the number of
areas), and handing them to the rules in `figures.py`."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum

from cymuned.geography.models import Lsoa, PracticeLsoa
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.statistics.comparison import Polarity

from .definitions import CiMethod, Definition, Unit
from .denominators import age_split, list_size_date, year_end
from .figures import Basis, Counts, Figure, add, choose, figure
from .models import IndicatorDefinition, PatientCount, RegisterCount

DEPRIVED_DECILES = (1, 2)  # the most deprived fifth of Wales's LSOAs


def definitions(on: date | None = None) -> list[Definition]:
    """The definitions in force on the date (the newest version of each that has begun)."""
    rows = IndicatorDefinition.objects.order_by("order", "code", "-version")
    if on is not None:
        rows = rows.filter(effective_from__lte=on)
    found: dict[str, Definition] = {}
    for row in rows:
        if row.code in found:
            continue
        found[row.code] = Definition(
            id=row.code,
            name_en=row.name_en,
            name_cy=row.name_cy,
            description_en=row.description_en,
            description_cy=row.description_cy,
            numerator=row.numerator,
            denominator=row.denominator,
            unit=Unit(row.unit),
            polarity=Polarity(row.polarity),
            source=row.source,
            publication=row.publication,
            ci_method=CiMethod(row.ci_method),
            order=row.order,
            version=row.version,
            effective_from=row.effective_from,
            names=tuple(row.names),
        )
    return list(found.values())


@dataclass
class Structure:
    """Who belongs to whom on a date: each practice's cluster, neighbourhood, board and Wales."""

    on: date
    units: dict[int, OrgUnit]
    parents: dict[int, dict[str, int]]  # unit id → {kind: parent id}
    members: dict[int, set[int]] = field(default_factory=dict)  # area id → practice ids
    _practice_ids: set[int] | None = None

    @property
    def practice_ids(self) -> set[int]:
        if self._practice_ids is None:
            self._practice_ids = {pk for pk, u in self.units.items() if u.kind == Kind.PRACTICE}
        return self._practice_ids

    def practices_of(self, unit_id: int) -> set[int]:
        return self.members.get(unit_id, set())

    def parent(self, unit_id: int, kind: str) -> OrgUnit | None:
        pid = self.parents.get(unit_id, {}).get(kind)
        if pid is None and kind == Kind.HEALTH_BOARD:
            # a neighbourhood's board is its practices' board
            practices = sorted(self.practices_of(unit_id))
            pid = (
                self.parents.get(self.parents.get(practices[0], {}).get(Kind.CLUSTER, -1), {}).get(kind)
                if practices
                else None
            )
        return self.units.get(pid) if pid is not None else None

    def of_kind(self, kind: str) -> list[OrgUnit]:
        return sorted((u for u in self.units.values() if u.kind == kind), key=lambda u: u.name_en)


def structure(on: date) -> Structure:
    """Two queries: the memberships on the date, and their units."""
    live = Membership.objects.on(on)
    links = live.order_by("child_id", "valid_from").values_list("child_id", "parent_id", "parent__kind")
    parents: dict[int, dict[str, int]] = defaultdict(dict)
    for child, parent, kind in links:
        parents[child][kind] = parent  # the latest link of a kind wins
    # the units by the same links read again in the database, not by a list of their ids: a list of
    # thousands of parameters costs the driver more to send than the query costs to run
    units = {
        u.pk: u for u in OrgUnit.objects.filter(Q(pk__in=live.values("child_id")) | Q(pk__in=live.values("parent_id")))
    }
    members: dict[int, set[int]] = defaultdict(set)
    for unit in units.values():
        if unit.kind != Kind.PRACTICE:
            continue
        own = parents.get(unit.pk, {})
        cluster = own.get(Kind.CLUSTER)
        neighbourhood = own.get(Kind.NEIGHBOURHOOD) or (
            parents.get(cluster, {}).get(Kind.NEIGHBOURHOOD) if cluster else None
        )
        board = parents.get(cluster, {}).get(Kind.HEALTH_BOARD) if cluster else None
        nation = parents.get(board, {}).get(Kind.NATION) if board else None
        for area in (cluster, neighbourhood, board, nation):
            if area is not None:
                members[area].add(unit.pk)
    return Structure(on, units, dict(parents), dict(members))


@dataclass
class Year:
    """A year's counts for every practice, and the published rows of every area."""

    year: FinancialYear
    published: dict[tuple[str, int, str], int]  # (register, area id, measure) → value
    populations: dict[int, dict[int, int]]  # practice id → minimum age → registered patients of that age or over
    placed: dict[int, tuple[int, int]]  # practice id → (patients placed in an LSOA, of them in the deprived fifth)
    list_size_date: dict[int, date]

    def aged(self, practice: int, min_age: int) -> int | None:
        """Registered patients of the practice aged min_age or over on the year's list-size date."""
        found = self.populations.get(practice)
        if found is None:
            return None
        if min_age not in found:
            raise KeyError(f"patients aged {min_age} or over were not gathered")
        return found[min_age]


def min_ages(defs: Iterable[Definition]) -> set[int]:
    """Every minimum age an indicator's numerator or denominator counts from."""
    ages = {0}
    for d in defs:
        ages.add(d.min_age)
        if d.numerator["kind"] == "registered":
            ages.add(int(d.numerator.get("min_age", 0)))
    return ages


def _placed() -> dict[int, tuple[int, int]]:
    deprived = Lsoa.objects.filter(decile__in=DEPRIVED_DECILES).values("code")
    return {
        pid: (total or 0, poor or 0)
        for pid, total, poor in PracticeLsoa.objects.values("practice_id")
        .annotate(total=Sum("patients"), poor=Sum("patients", filter=Q(lsoa_code__in=deprived)))
        .order_by()
        .values_list("practice_id", "total", "poor")
    }


def gather_years(years: Iterable[FinancialYear], ages: set[int]) -> dict[str, Year]:
    """Three queries whatever the number of years and practices: the years' register rows, the patients
    of each practice aged each minimum age or over on each of its list-size dates (added up by the
    database, sexes and bands together), and patients by deprivation."""
    chosen = sorted(set(years), key=str)
    if not chosen:
        return {}
    published: dict[str, dict[tuple[str, int, str], int]] = {str(y): {} for y in chosen}
    for register, label, area, measure, value in RegisterCount.objects.filter(
        year__in=[str(y) for y in chosen]
    ).values_list("register", "year", "area_id", "measure", "value"):
        published[label][(register, area, measure)] = value
    splits = [age_split(age) for age in sorted(ages)]
    sums: dict[str, Sum] = {}
    for split in splits:
        sums[f"whole_{split.min_age}"] = Sum("patients", filter=Q(age_band__in=split.whole), default=0)
        if split.part is not None:
            sums[f"part_{split.min_age}"] = Sum("patients", filter=Q(age_band=split.part), default=0)
    on_dates: dict[int, dict[date, dict[int, int]]] = defaultdict(dict)
    for row in (
        PatientCount.objects.filter(as_of__lte=max(year_end(y) for y in chosen))
        .values("practice_id", "as_of")
        .annotate(**sums)
        .order_by()
    ):
        on_dates[row["practice_id"]][row["as_of"]] = {
            s.min_age: s.patients(row[f"whole_{s.min_age}"], row.get(f"part_{s.min_age}", 0)) for s in splits
        }
    latest: dict[str, dict[int, date]] = {str(y): {} for y in chosen}
    for practice, dates in on_dates.items():
        for y in chosen:
            found = list_size_date(dates, y)
            if found is not None:
                latest[str(y)][practice] = found
    placed = _placed()
    return {
        str(y): Year(
            y,
            published[str(y)],
            {p: on_dates[p][d] for p, d in latest[str(y)].items()},
            placed,
            latest[str(y)],
        )
        for y in chosen
    }


def gather_year(year: FinancialYear, defs: Iterable[Definition] | None = None) -> Year:
    return gather_years([year], min_ages(definitions() if defs is None else defs))[str(year)]


def practice_counter(definition: Definition, data: Year) -> Callable[[int], Counts | None]:
    """One indicator's counts for any practice of the year (the rules of `denominators.py`), with the
    definition read once."""
    published, aged = data.published, data.aged
    kind = definition.numerator["kind"]
    min_age = definition.min_age
    if kind == "register":
        register = definition.register or definition.id
        numerator_key, denominator_key = RegisterCount.Measure.REGISTER, RegisterCount.Measure.DENOMINATOR

        def registered(practice: int) -> Counts | None:
            numerator = published.get((register, practice, numerator_key))
            if numerator is None:
                return None
            denominator = published.get((register, practice, denominator_key))
            if denominator is None:
                denominator = aged(practice, min_age)
            return Counts(numerator, denominator) if denominator is not None else None

        return registered
    if kind == "registered":
        from_age = int(definition.numerator.get("min_age", 0))
        rate = definition.denominator["kind"] != "none"

        def population(practice: int) -> Counts | None:
            numerator = aged(practice, from_age)
            if numerator is None:
                return None
            return Counts(numerator, aged(practice, min_age) if rate else None)

        return population
    if kind == "deprived_fifth":
        placed = data.placed

        def deprived(practice: int) -> Counts | None:
            total, poor = placed.get(practice, (0, 0))
            return Counts(poor, total) if total else None

        return deprived
    return lambda practice: None


class Sums:
    """One year's counts summed once per area. Each practice's counts for each indicator are worked out
    once; with `every_area` they are then added in one pass to every area the practice belongs to on the
    date (its cluster, neighbourhood, board and Wales) — numerators with numerators, denominators with
    denominators — else an area's sum is made when first asked for (a trend needs only the area, its
    board and Wales, and not even those where their published rows are complete)."""

    def __init__(self, defs: Iterable[Definition], data: Year, shape: Structure, every_area: bool = True) -> None:
        self.data = data
        self.shape = shape
        self.practices: dict[str, dict[int, Counts | None]] = {d.id: {} for d in defs}
        self.sums: dict[tuple[str, int], Counts | None] = {}
        # each indicator's counter made once: a trend's Wales sums every practice of each year
        self.counters: dict[str, Callable[[int], Counts | None]] = {}
        if every_area:
            self._add_up(defs)

    def _add_up(self, defs: Iterable[Definition]) -> None:
        belongs: dict[int, list[int]] = defaultdict(list)
        for area, members in self.shape.members.items():
            for practice in members:
                belongs[practice].append(area)
        for definition in defs:
            own = self.practices[definition.id]
            counter = self.counter(definition)
            totals: dict[int, list[int]] = {}  # area → [numerator, denominator, 1 when a denominator is missing]
            for practice in self.shape.practice_ids:
                counts = own[practice] = counter(practice)
                if counts is None:
                    continue
                for area in belongs.get(practice, ()):
                    total = totals.setdefault(area, [0, 0, 0])
                    total[0] += counts.numerator
                    if counts.denominator is None:
                        total[2] = 1
                    else:
                        total[1] += counts.denominator
            for area in self.shape.members:
                found = totals.get(area)
                self.sums[(definition.id, area)] = (
                    None if found is None else Counts(found[0], None if found[2] else found[1])
                )

    def counter(self, definition: Definition) -> Callable[[int], Counts | None]:
        found = self.counters.get(definition.id)
        if found is None:
            found = self.counters[definition.id] = practice_counter(definition, self.data)
        return found

    def practice(self, definition: Definition, practice: int) -> Counts | None:
        own = self.practices[definition.id]
        if practice not in own:
            own[practice] = self.counter(definition)(practice)
        return own[practice]

    def summed(self, definition: Definition, area: int) -> Counts | None:
        """The sum of the area's practices (a practice: its own counts)."""
        unit = self.shape.units.get(area)
        if unit is None or unit.kind == Kind.PRACTICE:
            return self.practice(definition, area)
        key = (definition.id, area)
        if key not in self.sums:
            self.sums[key] = self.group(definition, self.shape.practices_of(area))
        return self.sums[key]

    def counts(self, definition: Definition, area: int) -> tuple[Counts | None, Basis | None]:
        """An area's counts: its published row where there is one (with the practices' denominator
        when none is published), else the sum of its practices."""
        register = definition.register
        if register is not None:
            numerator = self.data.published.get((register, area, RegisterCount.Measure.REGISTER))
            if numerator is not None:
                denominator = self.data.published.get((register, area, RegisterCount.Measure.DENOMINATOR))
                if denominator is None:
                    summed = self.summed(definition, area)
                    denominator = summed.denominator if summed is not None else None
                if denominator is not None:
                    return choose(Counts(numerator, denominator), None)
        return choose(None, self.summed(definition, area))

    def figure(self, definition: Definition, area: int) -> Figure:
        counts, basis = self.counts(definition, area)
        return figure(counts, definition.unit, definition.ci_method, basis)

    def group(self, definition: Definition, practices: Iterable[int]) -> Counts | None:
        """The sum of a group of practices (an area, or a fifth of deprivation)."""
        return add(self.practice(definition, p) for p in practices)


def years_with_data() -> list[FinancialYear]:
    years = RegisterCount.objects.order_by("year").values_list("year", flat=True).distinct()
    return [FinancialYear.parse(y) for y in years]
