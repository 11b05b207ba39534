"""`cymuned import measure-values PATH`: providers who keep spreadsheets send the same values, checked
as the provider's form checks them."""

import re
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import Need, seen_projects
from cymuned.definitions.versions import in_force
from cymuned.imports.base import Claim, Importer, Reference
from cymuned.imports.fields import Code, Column, Parsed, Problem, Text
from cymuned.imports.upsert import Upsert
from cymuned.periods import Quarter, local_date
from cymuned.portfolio.models import Project

from .models import ExpectedReturn, Frequency, Measure, MeasureKind, MeasureValue
from .submission import VALUE, value_fault

MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def read_period(text: str) -> tuple[str, bool] | None:
    """'2024-25-Q4' → ('2024-25-Q4', False); '2025-01' → ('2025-01', True); anything else → None."""
    if MONTH.match(text):
        return text, True
    try:
        return str(Quarter.parse(text)), False
    except ValueError:
        return None


def _period(text: str) -> str:
    found = read_period(text)
    if found is None:
        raise ValueError(text)
    return found[0]


def period_dates(period: str) -> tuple[date, date]:
    """The first and last day of a month (2025-01) or a quarter (2024-25-Q4)."""
    if MONTH.match(period):
        year, month = int(period[:4]), int(period[5:])
        start = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return start, date.fromordinal(following.toordinal() - 1)
    quarter = Quarter.parse(period)
    return quarter.start, quarter.end


def _measures(user, codes: set) -> dict:
    """Measures by (project code, measure code), of the projects the person may see."""
    projects = seen_projects(user, Project.objects.filter(code__in={project for project, _code in codes}))
    measures = (
        Measure.objects.filter(project__in=projects, code__in={code for _project, code in codes})
        .select_related("project")
        .prefetch_related("project__clusters")
    )
    return {(m.project.code, m.code): m for m in measures}


class MeasureValueImporter(Importer):
    kind = "measure-values"
    label = gettext_lazy("Outcome measure values")
    columns = (
        Column("project_code", Code(max_length=40)),
        Column(
            "period",
            Parsed(
                _period,
                gettext_lazy("“%(value)s” is not a quarter like 2024-25-Q4 or a month like 2025-01"),
                max_length=10,
            ),
        ),
        Column("measure", Text(max_length=40)),
        Column("category", Text(max_length=60), blank=True),
        Column("value", VALUE),  # the provider form's reader
    )
    key = ("project_code", "measure", "period", "category")
    key_column = "value"
    references = (
        Reference(
            "measure",
            _measures,
            gettext_lazy("“%(measure)s” is not a measure of project %(project_code)s"),
            # a project the person may not see reads exactly like an unknown one
            code=lambda row: (row.project_code, row.measure) if row.project_code and row.measure else None,
        ),
    )
    upsert = Upsert(MeasureValue, key=("measure", "period", "category"), fields=("value",))
    example = (
        {
            "project_code": "AG-PAIN",
            "period": "2024-25-Q4",
            "measure": "referrals",
            "category": "back-pain",
            "value": 12,
        },
    )

    def measure(self, row) -> Measure:
        return self.found["measure"][(row.project_code, row.measure)]

    def check(self, parsed, problems):
        """What the provider's form would refuse: a value the measure does not allow, a period the
        measure is not returned for, a period not begun or before the project started."""
        today = local_date()
        for line, row in parsed:
            measure = self.measure(row)
            monthly = measure.frequency == Frequency.MONTHLY and measure.kind != MeasureKind.CATEGORIES
            first, last = period_dates(row.period)
            if bool(MONTH.match(row.period)) != monthly:
                problems.append(
                    Problem(
                        line,
                        "period",
                        _("this measure is returned monthly; give a month like 2025-01")
                        if monthly
                        else _("this measure is returned quarterly; give a quarter like 2024-25-Q4"),
                    )
                )
            elif first > today:
                problems.append(Problem(line, "period", _("%(period)s has not begun yet") % {"period": row.period}))
            elif last < measure.project.start_date:
                problems.append(
                    Problem(
                        line,
                        "period",
                        _("%(period)s ends before the project started on %(start)s")
                        % {"period": row.period, "start": measure.project.start_date},
                    )
                )
            keys = {c["key"] for c in measure.categories}
            if measure.kind == MeasureKind.CATEGORIES and row.category not in keys:
                problems.append(
                    Problem(
                        line,
                        "category",
                        _("“%(category)s” is not one of: %(keys)s")
                        % {"category": row.category, "keys": ", ".join(sorted(keys))},
                    )
                )
            if measure.kind != MeasureKind.CATEGORIES and row.category:
                problems.append(Problem(line, "category", _("this measure has no categories; leave it blank")))
            kinds = in_force("measure-kinds", last).content["kinds"]
            fault = value_fault(measure, row.value, kinds)
            if fault:
                problems.append(Problem(line, "value", fault))

    def claims(self, parsed):
        # every cluster of the project counts: any co-owner reports on it
        for line, row in parsed:
            yield Claim(line, tuple(self.measure(row).project.clusters.all()), need=Need.REPORT)

    def values(self, row):
        return {"measure": self.measure(row), "period": row.period, "category": row.category, "value": row.value}

    def after_write(self, parsed, planned):
        """The expected returns of the file's projects and periods count as received from now."""
        now = timezone.now()
        pairs = {(self.measure(row).project_id, row.period) for _line, row in parsed}
        ExpectedReturn.objects.filter(
            reduce(or_, (Q(project_id=project, period=period) for project, period in pairs)),
            first_submitted_at__isnull=True,
        ).update(first_submitted_at=now, last_submitted_at=now)
