"""Applying the RAG rules to stored returns, and saving without losing anyone's update."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from . import rag
from .models import MonitoringReturn

METRIC_FIELDS = (
    "target_attainment_pct",
    "budget_gbp",
    "forecast_spend_gbp",
    "milestone_delay_weeks",
    "quality",
    "resources",
    "stakeholders",
)
EDITABLE_FIELDS = (*METRIC_FIELDS, "narrative", "rag_override", "override_reason")


def metrics_of(values) -> rag.Metrics:
    """The rules' view of a return (a model instance or anything with the same attributes)."""
    return rag.Metrics(
        target_attainment_pct=values.target_attainment_pct,
        budget_gbp=values.budget_gbp,
        forecast_spend_gbp=values.forecast_spend_gbp,
        milestone_delay_weeks=values.milestone_delay_weeks,
        quality=values.quality or None,
        resources=values.resources or None,
        stakeholders=values.stakeholders or None,
    )


def assessment_of(values) -> rag.Assessment:
    return rag.assess(metrics_of(values), values.rag_override or None, values.override_reason or "")


def statuses(values) -> tuple[str, str]:
    """(computed, effective) status of a return's values, as stored; blank when nothing is assessed."""
    assessment = assessment_of(values)
    return assessment.computed or "", assessment.status or ""


def apply_rules(monitoring_return: MonitoringReturn) -> None:
    """Store the computed and effective status on the return; every save comes through here (or,
    for new rows of an import, through `statuses` on the same values)."""
    monitoring_return.computed_rag, monitoring_return.status = statuses(monitoring_return)


class StaleEdit(Exception):
    """Someone else saved this record after it was opened; their values are in `current`."""

    def __init__(self, current):
        super().__init__(_("Someone else changed this record while you were editing it."))
        self.current = current


@dataclass(frozen=True)
class Saved:
    instance: MonitoringReturn
    created: bool


@transaction.atomic
def save_return(monitoring_return: MonitoringReturn, user, expected_version: int | None) -> Saved:
    """Save one return through the rules. An existing return is saved only if nobody has saved it
    since `expected_version` was read (a conditional UPDATE decides, so two people cannot both win)."""
    apply_rules(monitoring_return)
    monitoring_return._history_user = user
    if monitoring_return.pk is None:
        monitoring_return.entered_by = user
        try:
            with transaction.atomic():
                monitoring_return.save()
        except IntegrityError:
            # Someone else created the same return meanwhile: theirs stands, and this edit is stale.
            current = MonitoringReturn.objects.filter(
                project=monitoring_return.project_id, period=monitoring_return.period
            ).first()
            if current is None:
                raise
            raise StaleEdit(current) from None
        return Saved(monitoring_return, True)
    claimed = MonitoringReturn.objects.filter(pk=monitoring_return.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(MonitoringReturn.objects.get(pk=monitoring_return.pk))
    monitoring_return.version = expected_version + 1
    monitoring_return.save()
    return Saved(monitoring_return, False)


def to_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
