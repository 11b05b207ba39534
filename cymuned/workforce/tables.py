"""Gathering the workforce table for the page and the `workforce` command: every figure of a quarter,
where each unit's patients go on a date, and the roll-up by cluster, neighbourhood or health board."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from cymuned.accounts.access import scope, seen_units
from cymuned.orgs.hierarchy import list_sizes_on, placements
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter

from .definitions import staff_groups
from .models import LeadershipPost, StaffGroup, StaffInPost
from .rollup import Cell, Figure, per_10000, roll_up, sessions_to_fte

BY = {"cluster": Kind.CLUSTER, "neighbourhood": Kind.NEIGHBOURHOOD, "health_board": Kind.HEALTH_BOARD}
LEADERSHIP = "clinical_leadership"


@dataclass
class Row:
    unit: OrgUnit
    patients: int
    cells: dict[str, Cell]
    fte: Decimal = Decimal(0)
    fte_per_10000: Decimal | None = None
    estimated: bool = False


@dataclass
class Table:
    by: str
    period: Quarter
    on: dt.date
    groups: list[StaffGroup]
    rows: list[Row] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # unit codes whose figures have no target on the date
    synthetic: bool = False

    def as_json(self) -> dict:
        return {
            "by": self.by,
            "period": str(self.period),
            "units": [
                {
                    "unit": row.unit.code,
                    "staff_groups": [
                        {
                            "staff_group": group.code,
                            "headcount": _number(row.cells[group.code].headcount),
                            "fte": float(row.cells[group.code].fte),
                        }
                        for group in self.groups
                        if group.code in row.cells
                    ],
                    "fte_per_10000": float(row.fte_per_10000) if row.fte_per_10000 is not None else None,
                }
                for row in self.rows
            ],
        }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _practice_places(on: dt.date) -> tuple[dict[int, dict[str, OrgUnit]], dict[int, int]]:
    """Each practice's cluster, neighbourhood and board on the date, and its registered patients."""
    practices = list(OrgUnit.objects.of_kind(Kind.PRACTICE).existing_on(on))
    placed = placements(practices, on)
    clusters = {c.pk for c, _n in placed.values() if c}
    boards = {
        link.child_id: link.parent
        for link in Membership.objects.on(on)
        .filter(child_id__in=clusters, parent__kind=Kind.HEALTH_BOARD)
        .select_related("parent")
    }
    places: dict[int, dict[str, OrgUnit]] = {}
    for practice in practices:
        cluster, neighbourhood = placed[practice.pk]
        where: dict[str, OrgUnit] = {Kind.PRACTICE: practice}
        if cluster:
            where[Kind.CLUSTER] = cluster
            if cluster.pk in boards:
                where[Kind.HEALTH_BOARD] = boards[cluster.pk]
        if neighbourhood:
            where[Kind.NEIGHBOURHOOD] = neighbourhood
        places[practice.pk] = where
    return places, list_sizes_on(practices, on)


def _shares(
    units: list[OrgUnit], kind: str, on: dt.date, places, patients
) -> tuple[dict[str, dict[str, int]], dict[str, OrgUnit]]:
    """For each unit a figure was recorded for, the target units of `kind` its practices' patients
    belong to (weights); a unit without practices (a collaborative) goes with its parent cluster."""
    parents = {
        link.child_id: link.parent
        for link in Membership.objects.on(on)
        .filter(child__in=units, parent__kind__in=[Kind.CLUSTER, Kind.NEIGHBOURHOOD, Kind.HEALTH_BOARD])
        .select_related("parent")
        .order_by("-parent__kind")
    }
    members: dict[int, list[int]] = defaultdict(list)  # unit id → practice ids within it
    for practice_id, where in places.items():
        for unit in where.values():
            members[unit.pk].append(practice_id)
    targets: dict[str, OrgUnit] = {}
    shares: dict[str, dict[str, int]] = {}
    for unit in units:
        source = unit if unit.pk in members else parents.get(unit.pk)
        weights: dict[str, int] = defaultdict(int)
        for practice_id in members.get(source.pk, []) if source else []:
            target = places[practice_id].get(kind)
            if target is not None:
                targets[target.code] = target
                weights[target.code] += patients.get(practice_id, 0)
        if weights and not any(weights.values()):
            weights = {code: 1 for code in weights}  # practices with no list size: shared equally
        shares[unit.code] = dict(weights)
    return shares, targets


def build(by: str, period: Quarter, on: dt.date, user=None) -> Table:
    kind = BY[by]
    groups = staff_groups()
    table = Table(by, period, on, groups)
    staff = list(scope(user, StaffInPost).filter(period=str(period)).select_related("unit", "staff_group"))
    posts = list(
        scope(user, LeadershipPost)
        .filter(valid_from__lte=period.end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=period.end))
        .exclude(holder="")
        .select_related("unit")
    )
    figures = [Figure(s.unit.code, s.staff_group.code, s.headcount, s.fte) for s in staff]
    figures += [Figure(p.unit.code, LEADERSHIP, 1, sessions_to_fte(p.sessions_per_week)) for p in posts]
    table.synthetic = any(s.synthetic for s in staff) or any(p.synthetic for p in posts)
    units = list({u.pk: u for u in [*(s.unit for s in staff), *(p.unit for p in posts)]}.values())
    places, patients = _practice_places(on)
    shares, targets = _shares(units, kind, on, places, patients)
    table.unplaced = sorted(code for code, weights in shares.items() if not weights)
    cells = roll_up(figures, shares)
    visible = {u.pk for u in seen_units(user, OrgUnit.objects.filter(code__in=list(cells)), on=on)} if user else None
    registered: dict[str, int] = defaultdict(int)
    for practice_id, where in places.items():
        if kind in where:
            registered[where[kind].code] += patients.get(practice_id, 0)
    for code in sorted(cells, key=lambda c: targets[c].name_en):
        unit = targets[code]
        if visible is not None and unit.pk not in visible:
            continue
        row = Row(unit, registered.get(code, 0), cells[code])
        row.fte = sum((cell.fte for cell in row.cells.values()), Decimal(0))
        row.fte_per_10000 = per_10000(row.fte, row.patients)
        row.estimated = any(cell.estimated for cell in row.cells.values())
        table.rows.append(row)
    return table


def trend(periods: list[Quarter], on: dt.date, user=None) -> list[dict]:
    """FTE by staff group and quarter (every unit the person may see), for the trend chart."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    names = {g.code: g.name for g in StaffGroup.objects.all()}
    rows = (
        scope(user, StaffInPost)
        .filter(period__in=[str(p) for p in periods])
        .values_list("period", "staff_group__code", "fte")
    )
    for period, group, fte in rows:
        totals[(period, group)] += fte
    return [
        {"period": period, "staff_group": names.get(group, group), "fte": float(fte)}
        for (period, group), fte in sorted(totals.items())
    ]
