"""`cymuned import measure-values PATH`: providers who keep spreadsheets send the same values."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import Need, seen_projects
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import Problem, RowReader
from cymuned.periods import Quarter
from cymuned.portfolio.models import Project

from .models import ExpectedReturn, Frequency, Measure, MeasureKind, MeasureValue

MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def read_period(text: str) -> tuple[str, bool] | None:
    """'2024-25-Q4' → ('2024-25-Q4', False); '2025-01' → ('2025-01', True); anything else → None."""
    if MONTH.match(text):
        return text, True
    try:
        return str(Quarter.parse(text)), False
    except ValueError:
        return None


@dataclass(frozen=True)
class ValueRow:
    project_code: str
    period: str
    measure: str
    category: str
    value: Decimal


class MeasureValueImporter(Importer):
    kind = "measure-values"
    label = gettext_lazy("Outcome measure values")
    required = ("project_code", "period", "measure", "category", "value")
    example = (
        {
            "project_code": "AG-PAIN",
            "period": "2024-25-Q4",
            "measure": "referrals",
            "category": "back-pain",
            "value": 12,
        },
    )

    def parse_row(self, reader: RowReader):
        period = reader.text("period", max_length=10) or ""
        if period:
            found = read_period(period)
            if found is None:
                reader.fault(
                    "period",
                    _("“%(value)s” is not a quarter like 2024-25-Q4 or a month like 2025-01") % {"value": period},
                )
            else:
                period = found[0]
        row = ValueRow(
            (reader.text("project_code", max_length=40) or "").upper(),
            period,
            reader.text("measure", max_length=40) or "",
            reader.text("category", required=False, max_length=60) or "",
            reader.decimal("value", minimum=Decimal(0), maximum=Decimal("1e11"), places=2) or Decimal(0),
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        self._measures = {
            (m.project.code, m.code): m
            for m in Measure.objects.filter(
                project__in=seen_projects(
                    self.user, Project.objects.filter(code__in={r.project_code for _, r in parsed})
                )
            )
            .select_related("project")
            .prefetch_related("project__clusters")
        }
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            measure = self._measures.get((row.project_code, row.measure))
            if measure is None:
                problems.append(
                    Problem(
                        line,
                        "measure",
                        _("“%(measure)s” is not a measure of project %(code)s")
                        % {"measure": row.measure, "code": row.project_code},
                    )
                )
                continue
            monthly = measure.frequency == Frequency.MONTHLY and measure.kind != MeasureKind.CATEGORIES
            if (found := read_period(row.period)) and found[1] != monthly:
                problems.append(
                    Problem(
                        line,
                        "period",
                        _("this measure is returned monthly; give a month like 2025-01")
                        if monthly
                        else _("this measure is returned quarterly; give a quarter like 2024-25-Q4"),
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
            key = (row.project_code, row.measure, row.period, row.category)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "value",
                        _("the same value already appears on line %(other)s") % {"other": seen[key]},
                    )
                )
            seen.setdefault(key, line)

    def claims(self, parsed):
        # every cluster of the project counts: any co-owner reports on it
        for line, row in parsed:
            measure = self._measures[(row.project_code, row.measure)]
            yield Claim(line, tuple(measure.project.clusters.all()), need=Need.REPORT)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        now = timezone.now()
        for _line, row in parsed:
            measure = self._measures[(row.project_code, row.measure)]
            item, created = MeasureValue.objects.get_or_create(
                measure=measure,
                period=row.period,
                category=row.category,
                defaults={"value": row.value},
            )
            if created:
                outcome.created += 1
            elif item.value != row.value:
                item.value = row.value
                item.save()
                outcome.updated += 1
            else:
                outcome.unchanged += 1
            ExpectedReturn.objects.filter(
                project=measure.project, period=row.period, first_submitted_at__isnull=True
            ).update(first_submitted_at=now, last_submitted_at=now)
        return outcome
