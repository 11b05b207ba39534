"""The provider's form for one expected return: which values it asks for, checking them, saving them.
Every submission is kept in the values' history with its time."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


def check(fields: list[Field], data) -> tuple[dict[str, Decimal], dict[str, str]]:
    values, errors = {}, {}
    for field in fields:
        text = (data.get(field.name) or "").strip().replace(",", "").replace("£", "").replace("%", "")
        if not text:
            continue
        try:
            value = Decimal(text[:100])
            if not value.is_finite() or len(text) > 100:
                raise InvalidOperation
        except InvalidOperation:
            errors[field.name] = _("Enter a number")
            continue
        measure = field.measure
        if not value.is_zero() and value.adjusted() >= 12:
            # before any comparison: a number like 1e999999999 cannot even be compared
            errors[field.name] = _("Enter a number with at most two decimal places")
        elif value < 0:
            errors[field.name] = _("Enter a number that is 0 or more")
        elif measure.kind == MeasureKind.PERCENTAGE and value > 100:
            errors[field.name] = _("Enter a percentage from 0 to 100")
        elif (
            measure.kind == MeasureKind.SCORE
            and measure.score_min is not None
            and measure.score_max is not None
            and not measure.score_min <= value <= measure.score_max
        ):
            errors[field.name] = _("Enter a score from %(low)s to %(high)s") % {
                "low": measure.score_min,
                "high": measure.score_max,
            }
        elif measure.kind in (MeasureKind.COUNT, MeasureKind.CATEGORIES) and value != value.to_integral_value():
            errors[field.name] = _("Enter a whole number")
        elif abs(value) >= Decimal("1e12") or value != round(value, 2):
            errors[field.name] = _("Enter a number with at most two decimal places")
        else:
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
