"""`cymuned import workforce PATH`: staff in post, in either of two layouts.

- Ours: `unit, period, staff_group, headcount, fte, funding_source`, optional `project_code` and
  `synthetic` — one row per unit, quarter, staff group and funding.
- StatsWales' GP cluster workforce: `Local health board, Cluster code, Fully qualified GPs FTE,
  Nurses FTE, Direct patient care FTE, Admin FTE` and a `period` column — one row per cluster, each
  FTE column becoming a figure of its staff group (no headcount; funding "core").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import seen_projects, seen_units
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import Problem, RowReader
from cymuned.imports.tabular import Table
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import Project

from .definitions import ensure_staff_groups
from .models import Funding, StaffGroup, StaffInPost

STATSWALES = ("local_health_board", "cluster_code")
FUNDING = {choice.value: choice.value for choice in Funding} | {
    "cluster": Funding.CLUSTER,
    "cluster_fund": Funding.CLUSTER,
}
YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


@dataclass(frozen=True)
class StaffRow:
    unit: str
    period: str
    staff_group: str
    headcount: int | None
    fte: Decimal
    funding_source: str
    project_code: str
    synthetic: bool
    column: str = "staff_group"  # where a fault of this figure is reported
    unit_column: str = "unit"


def read_period(reader: RowReader) -> str:
    text = reader.text("period", max_length=12) or ""
    if text:
        try:
            return str(Quarter.parse(text))
        except ValueError:
            reader.fault("period", _("“%(value)s” is not a period like 2025-26-Q2") % {"value": text})
    return text


class WorkforceImporter(Importer):
    kind = "workforce"
    label = gettext_lazy("Workforce: staff in post")
    required: ClassVar[Sequence[str]] = ("unit", "period", "staff_group", "headcount", "fte", "funding_source")
    optional: ClassVar[Sequence[str]] = ("project_code", "synthetic")
    example = (
        {
            "unit": "NC",
            "period": "2026-27-Q1",
            "staff_group": "physician_associate",
            "headcount": 1,
            "fte": "1.00",
            "funding_source": "cluster_funds",
            "project_code": "NC-PA",
            "synthetic": "no",
        },
    )

    def parse(self, table: Table, problems: list[Problem]) -> list[tuple[int, Any]]:
        ensure_staff_groups()
        if type(self) is WorkforceImporter and all(header in table.headers for header in STATSWALES):
            layout = StatsWalesWorkforce(self.user)
            layout.progress = self.progress
            parsed = layout.parse(table, problems)
            self.rows_read = layout.rows_read
            self._units, self._projects = getattr(layout, "_units", {}), getattr(layout, "_projects", {})
            return parsed
        return super().parse(table, problems)

    def parse_row(self, reader):
        row = StaffRow(
            unit=(reader.text("unit", max_length=32) or "").upper(),
            period=read_period(reader),
            staff_group=(reader.text("staff_group", max_length=40) or "").strip().lower().replace(" ", "_"),
            headcount=reader.integer("headcount", required=False, minimum=0, maximum=100_000),
            fte=reader.decimal("fte", minimum=Decimal(0), maximum=Decimal(100_000), places=2) or Decimal(0),
            funding_source=reader.choice("funding_source", FUNDING) or "",
            project_code=(reader.text("project_code", required=False, max_length=40) or "").upper(),
            synthetic=bool(reader.choice("synthetic", YES, required=False)),
        )
        return [row] if reader.ok else None

    def check_all(self, parsed, problems):
        groups = set(StaffGroup.objects.values_list("code", flat=True))
        codes = {row.unit for _, rows in parsed for row in rows}
        self._units = {u.code: u for u in seen_units(self.user, OrgUnit.objects.filter(code__in=codes))}
        project_codes = {row.project_code for _, rows in parsed for row in rows if row.project_code}
        self._projects = {p.code: p for p in seen_projects(self.user, Project.objects.filter(code__in=project_codes))}
        seen: dict[tuple, int] = {}
        for line, rows in parsed:
            for row in rows:
                unit = self._units.get(row.unit)
                if unit is None or unit.kind not in (
                    Kind.PRACTICE,
                    Kind.CLUSTER,
                    Kind.NEIGHBOURHOOD,
                    Kind.COLLABORATIVE,
                ):
                    problems.append(
                        Problem(
                            line,
                            row.unit_column,
                            _("“%(code)s” is not a known practice, cluster or neighbourhood code") % {"code": row.unit},
                        )
                    )
                    break
                if row.staff_group not in groups:
                    problems.append(
                        Problem(
                            line,
                            row.column,
                            _("“%(value)s” is not a staff group; the groups are: %(groups)s")
                            % {"value": row.staff_group, "groups": ", ".join(sorted(groups))},
                        )
                    )
                if row.project_code and row.project_code not in self._projects:
                    problems.append(
                        Problem(
                            line,
                            "project_code",
                            _("“%(code)s” is not a known project code") % {"code": row.project_code},
                        )
                    )
                key = (row.unit, row.period, row.staff_group, row.funding_source, row.project_code)
                if key in seen:
                    problems.append(
                        Problem(
                            line,
                            row.column,
                            _("the same unit, period, staff group and funding already appear on line %(other)s")
                            % {"other": seen[key]},
                        )
                    )
                seen.setdefault(key, line)

    def claims(self, parsed):
        """Staff in post belong to their unit; a row funded by a project also reports on it."""
        for line, rows in parsed:
            for row in rows:
                yield Claim(line, (self._units[row.unit],), (self._units[row.unit],))

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        groups = {g.code: g for g in StaffGroup.objects.all()}
        units = list(self._units.values())
        periods = {row.period for _, rows in parsed for row in rows}
        existing = {
            (s.unit_id, s.period, s.staff_group_id, s.funding_source, s.project_id): s
            for s in StaffInPost.objects.filter(unit__in=units, period__in=periods)
        }
        for _line, rows in parsed:
            for row in rows:
                unit, group = self._units[row.unit], groups[row.staff_group]
                project = self._projects.get(row.project_code)
                key = (unit.pk, row.period, group.pk, row.funding_source, project.pk if project else None)
                found = existing.get(key)
                if found is None:
                    StaffInPost.objects.create(
                        unit=unit,
                        period=row.period,
                        staff_group=group,
                        headcount=row.headcount,
                        fte=row.fte,
                        funding_source=row.funding_source,
                        project=project,
                        synthetic=row.synthetic,
                    )
                    outcome.created += 1
                elif (found.headcount, found.fte, found.synthetic) != (row.headcount, row.fte, row.synthetic):
                    found.headcount, found.fte, found.synthetic = row.headcount, row.fte, row.synthetic
                    found.save()
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
        return outcome


class StatsWalesWorkforce(WorkforceImporter):
    """The StatsWales GP cluster workforce layout, read by `cymuned import workforce` when the file
    has its `Local health board` and `Cluster code` columns."""

    required = (
        "cluster_code",
        "period",
        "fully_qualified_gps_fte",
        "nurses_fte",
        "direct_patient_care_fte",
        "admin_fte",
    )
    optional = ("local_health_board",)

    def parse_row(self, reader):
        unit = (reader.text("cluster_code", max_length=32) or "").upper()
        period = read_period(reader)
        if not hasattr(self, "_groups"):
            self._groups = dict(
                StaffGroup.objects.exclude(statswales_column="").values_list("statswales_column", "code")
            )
        groups = self._groups
        rows = []
        for column in self.required[2:]:
            fte = reader.decimal(column, required=False, minimum=Decimal(0), maximum=Decimal(100_000), places=2)
            if fte is not None:
                rows.append(
                    StaffRow(
                        unit,
                        period,
                        groups.get(column, column),
                        None,
                        fte,
                        Funding.CORE,
                        "",
                        False,
                        column,
                        "cluster_code",
                    )
                )
        return rows if reader.ok else None
