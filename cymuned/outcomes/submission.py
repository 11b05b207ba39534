"""The provider's form for one expected return: which values it asks for, checking them, saving them.
Every submission is kept in the values' history with its time."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cymuned.imports.fields import Number, Problem, RowReader
from cymuned.imports.tabular import Row
from cymuned.periods import Quarter

from .completeness import received
from .models import ExpectedReturn, Frequency, Measure, MeasureKind, MeasureValue


@dataclass(frozen=True)
class Field:
    name: str
    measure: Measure
    period: str
    category: str
    label: str


def month_periods(quarter: Quarter) -> list[str]:
    return [quarter.year.month_start(m).strftime("%Y-%m") for m in quarter.months]


def fields_for(expected: ExpectedReturn) -> list[Field]:
    quarter = Quarter.parse(expected.period)
    found = []
    for measure in expected.project.measures.order_by("code"):
        if measure.kind == MeasureKind.CATEGORIES:
            for category in measure.categories:
                found.append(
                    Field(
                        f"m{measure.pk}-{category['key']}",
                        measure,
                        expected.period,
                        category["key"],
                        measure.category_label(category["key"]),
                    )
                )
        elif measure.frequency == Frequency.MONTHLY:
            for period in month_periods(quarter):
                found.append(Field(f"m{measure.pk}-{period}", measure, period, "", period))
        else:
            found.append(Field(f"m{measure.pk}", measure, expected.period, "", ""))
    return found


def current_values(fields: list[Field]) -> dict[str, Decimal]:
    stored = {
        (v.measure_id, v.period, v.category): v.value
        for v in MeasureValue.objects.filter(measure__in={f.measure for f in fields})
    }
    return {
        f.name: stored[(f.measure.pk, f.period, f.category)]
        for f in fields
        if (f.measure.pk, f.period, f.category) in stored
    }


# How a value typed into the provider's form or given in a measure-values file is read: the same
# field reader for both, then the measure's own rule (`value_fault`).
VALUE = Number(minimum=Decimal(0), maximum=Decimal("999999999999.99"), places=2, pounds=True)


def value_fault(measure: Measure, value: Decimal, kinds: Mapping[str, Mapping[str, Any]]) -> str | None:
    """What is wrong with `value` for this measure (over its kind's maximum, a fraction where the
    kind takes whole numbers, a score outside its scale), or None. `kinds` is the "kinds" of the
    `measure-kinds` definition in force for the period."""
    rules = kinds[measure.kind]
    maximum = Decimal(str(rules["maximum"])) if rules.get("maximum") is not None else None
    if maximum is not None and value > maximum:
        if measure.kind == MeasureKind.PERCENTAGE:
            return _("Enter a percentage from 0 to 100")
        return _("Enter a number no more than %(maximum)s") % {"maximum": maximum}
    if (
        measure.kind == MeasureKind.SCORE
        and measure.score_min is not None
        and measure.score_max is not None
        and not measure.score_min <= value <= measure.score_max
    ):
        return _("Enter a score from %(low)s to %(high)s") % {"low": measure.score_min, "high": measure.score_max}
    if rules.get("whole_numbers") and value != value.to_integral_value():
        return _("Enter a whole number")
    return None


def check(
    fields: list[Field], data, kinds: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """The values typed into the form, read as a measure-values file reads them and checked by
    their measure's kind as the `measure-kinds` definition in force states it."""
    values, errors = {}, {}
    for field in fields:
        found: list[Problem] = []
        reader = RowReader(Row(0, {field.name: (data.get(field.name) or "").strip()}), found)
        value = VALUE(reader, field.name, False)
        fault = found[0].message if found else (value_fault(field.measure, value, kinds) if value is not None else None)
        if fault:
            errors[field.name] = fault
        elif value is not None:
            values[field.name] = value
    return values, errors


@transaction.atomic
def submit(expected: ExpectedReturn, fields: list[Field], values: dict[str, Decimal]) -> int:
    """Save the values (all or nothing) and stamp the return as received once it holds values
    (an empty form is not a return). Returns values changed."""
    by_name = {f.name: f for f in fields}
    changed = 0
    for name, value in values.items():
        field = by_name[name]
        item = (
            MeasureValue.objects.select_for_update()
            .filter(measure=field.measure, period=field.period, category=field.category)
            .first()
        )
        if item is None:
            item = MeasureValue(measure=field.measure, period=field.period, category=field.category, value=value)
        elif item.value == value:
            continue
        item.value = value
        item._change_reason = f"provider return {expected.period}"  # type: ignore[attr-defined]  # django-simple-history
        item.save()
        changed += 1
    if received(timezone.now(), bool(current_values(fields))) is None:
        return changed
    now = timezone.now()
    expected.first_submitted_at = expected.first_submitted_at or now
    expected.last_submitted_at = now
    expected.save()
    return changed
