"""`cymuned import workforce PATH`: staff in post, in either of two layouts.

- Ours: `unit, period, staff_group, headcount, fte, funding_source`, optional `project_code` and
  `synthetic` — one row per unit, quarter, staff group and funding.
- StatsWales' GP cluster workforce: `Local health board, Cluster code, Fully qualified GPs FTE,
  Nurses FTE, Direct patient care FTE, Admin FTE` and a `period` column — one row per cluster, each
  FTE column becoming a figure of its staff group (no headcount; funding "core").
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import seen_units
from cymuned.imports.base import Claim, Importer, Reference, by_code
from cymuned.imports.fields import YES_NO, Choice, Code, Column, Integer, Number, Parsed, Problem, Text
from cymuned.imports.tabular import Table
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.importers import projects

from .definitions import ensure_staff_groups
from .models import Funding, StaffGroup, StaffInPost

FUNDING = {choice.value: choice.value for choice in Funding} | {
    "cluster": Funding.CLUSTER,
    "cluster_fund": Funding.CLUSTER,
}
PERIOD = Parsed(Quarter.parse, gettext_lazy("“%(value)s” is not a period like 2025-26-Q2"), max_length=12)
FTE = Number(minimum=Decimal(0), maximum=Decimal(100_000), places=2)
STAFFED = (Kind.PRACTICE, Kind.CLUSTER, Kind.NEIGHBOURHOOD, Kind.COLLABORATIVE)


def staffed_units(column: str) -> Reference:
    """Practices, clusters, neighbourhoods and collaboratives, the units staff are in post at."""
    return Reference(
        column,
        by_code(lambda: OrgUnit.objects.filter(kind__in=STAFFED), seen_units),
        gettext_lazy("“%(code)s” is not a known practice, cluster or neighbourhood code"),
    )


def staff_group_code(text: str) -> str:
    return text.strip().lower().replace(" ", "_")


class WorkforceImporter(Importer):
    kind = "workforce"
    label = gettext_lazy("Workforce: staff in post")
    columns: ClassVar[Sequence[Column]] = (
        Column("unit", Code(max_length=32)),
        Column("period", PERIOD),
        Column("staff_group", Parsed(staff_group_code, "", max_length=40)),
        Column("headcount", Integer(minimum=0, maximum=100_000), blank=True),
        Column("fte", FTE),
        Column("funding_source", Choice(FUNDING)),
        Column("project_code", Code(max_length=40), required=False),
        Column("synthetic", Choice(YES_NO, blank=False), required=False),
    )
    key: ClassVar[tuple[str, ...]] = ("unit", "period", "staff_group", "funding_source", "project_code")
    key_column = "staff_group"
    key_message = gettext_lazy("the same unit, period, staff group and funding already appear on line %(other)s")
    unit_column: ClassVar[str] = "unit"
    references: ClassVar[Sequence[Reference]] = (staffed_units("unit"), projects())
    upsert = Upsert(
        StaffInPost,
        key=("unit", "period", "staff_group", "funding_source", "project"),
        fields=("headcount", "fte", "synthetic"),
    )
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

    def parse(self, table: Table, problems: list[Problem]):
        ensure_staff_groups()
        if type(self) is WorkforceImporter and all(header in table.headers for header in STATSWALES):
            # The header says the file is in StatsWales' layout: from here on it is read as that one.
            self.__class__ = StatsWalesWorkforce
        return super().parse(table, problems)

    def check(self, parsed, problems):
        self._groups = {group.code: group for group in StaffGroup.objects.all()}
        for line, row in parsed:
            if row.staff_group not in self._groups:
                message = _("“%(value)s” is not a staff group; the groups are: %(groups)s")
                known = ", ".join(sorted(self._groups))
                problems.append(Problem(line, "staff_group", message % {"value": row.staff_group, "groups": known}))

    def claims(self, parsed):
        """Staff in post belong to their unit."""
        for line, row in parsed:
            unit = (self.resolved(self.unit_column, row),)
            yield Claim(line, unit, unit)

    def values(self, row):
        return {
            "unit": self.resolved("unit", row),
            "period": row.period,
            "staff_group": self._groups[row.staff_group],
            "funding_source": row.funding_source,
            "project": self.resolved("project_code", row),
            "headcount": row.headcount,
            "fte": row.fte,
            "synthetic": row.synthetic,
        }


# StatsWales' FTE columns, each the figure of the staff group that names it (StaffGroup.statswales_column)
STATSWALES_FTE = ("fully_qualified_gps_fte", "nurses_fte", "direct_patient_care_fte", "admin_fte")
STATSWALES = ("local_health_board", "cluster_code")


class StatsWalesWorkforce(WorkforceImporter):
    """The StatsWales GP cluster workforce layout, read by `cymuned import workforce` when the file
    has its `Local health board` and `Cluster code` columns: a row a cluster and quarter, each FTE
    column a record of its staff group (no headcount; funding "core")."""

    columns = (
        Column("cluster_code", Code(max_length=32)),
        Column("period", PERIOD),
        *(Column(name, FTE, blank=True) for name in STATSWALES_FTE),
        Column("local_health_board", Text(max_length=200), required=False),
    )
    key = ("cluster_code", "period")
    key_column = "cluster_code"
    unit_column = "cluster_code"
    references = (staffed_units("cluster_code"),)

    def check(self, parsed, problems):
        self._groups = {group.statswales_column: group for group in StaffGroup.objects.exclude(statswales_column="")}
        for line, row in parsed:
            for column in STATSWALES_FTE:
                if getattr(row, column) is not None and column not in self._groups:
                    message = _("“%(value)s” is not a staff group; the groups are: %(groups)s")
                    known = ", ".join(sorted(group.code for group in self._groups.values()))
                    problems.append(Problem(line, column, message % {"value": column, "groups": known}))

    def values_of(self, row):
        unit = self.resolved(self.unit_column, row)
        return [
            {
                "unit": unit,
                "period": row.period,
                "staff_group": self._groups[column],
                "funding_source": Funding.CORE,
                "project": None,
                "headcount": None,
                "fte": getattr(row, column),
                "synthetic": False,
            }
            for column in STATSWALES_FTE
            if getattr(row, column) is not None
        ]
