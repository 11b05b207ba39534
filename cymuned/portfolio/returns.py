"""Applying the RAG rules to stored returns, and saving without losing anyone's update."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cymuned.definitions.versions import in_force
from cymuned.periods import Quarter

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


_thresholds: dict[str, rag.Thresholds] = {}  # by the numbers as the definition writes them


def thresholds_for(period: Quarter | str) -> rag.Thresholds:
    """The RAG thresholds in force at the end of a quarter (the definition `rag`)."""
    quarter = period if isinstance(period, Quarter) else Quarter.parse(period)
    version = in_force("rag", quarter.end)
    key = repr(sorted(version.content["thresholds"].items()))
    if key not in _thresholds:
        _thresholds[key] = rag.Thresholds.of(version.content)
    return _thresholds[key]


def assessment_of(values, limits: rag.Thresholds | None = None) -> rag.Assessment:
    """A return's assessment by the rules in force for its quarter (`values.period`); `limits`, those
    thresholds when the caller has them already (one quarter's returns read them once)."""
    return rag.assess(
        metrics_of(values),
        limits or thresholds_for(values.period),
        values.rag_override or None,
        values.override_reason or "",
    )


def statuses(values) -> tuple[str, str]:
    """(computed, effective) status of a return's values, as stored; blank when nothing is assessed."""
    assessment = assessment_of(values)
    return assessment.computed or "", assessment.status or ""


def apply_rules(monitoring_return: MonitoringReturn) -> None:
    """Store the computed and effective status on the return; every save comes through here (or,
    for new rows of an import, through `statuses` on the same values)."""
    monitoring_return.computed_rag, monitoring_return.status = statuses(monitoring_return)


STANDING_FIELDS = ("previous_status", "trend", "status_rank", "trend_rank")
Key = tuple[int, str]  # (project id, period)


def stored(standing: rag.Standing) -> tuple[str, str, int, int]:
    """A standing as the return row stores it (blank for none)."""
    return (
        standing.previous or "",
        standing.trend or "",
        standing.status_rank,
        standing.trend_rank,
    )


def restate(project_ids: Iterable[int], pending: Mapping[Key, str | None] | None = None) -> dict[Key, rag.Standing]:
    """Work out where every return of these projects stands (portfolio.rag.standings) and store it on
    the rows whose stored standing differs. Every route that saves or deletes returns comes here:
    the form and the admin after saving one, the import before writing many.

    `pending` gives statuses not yet in the database, by (project id, period): a return about to be
    written (its status) or about to be deleted (None). Rows in `pending` are not written here —
    the caller writes them with the standing returned. Reads one query; writes one UPDATE per
    distinct standing, never one per row."""
    ids = set(project_ids)
    if not ids:
        return {}
    pending = dict(pending or {})
    series: dict[int, dict[str, str]] = defaultdict(dict)
    current: dict[Key, tuple[int, tuple]] = {}
    rows = MonitoringReturn.objects.filter(project_id__in=ids).values_list(
        "pk", "project_id", "period", "status", *STANDING_FIELDS
    )
    for pk, project_id, period, status, *standing in rows.iterator(chunk_size=5000):
        series[project_id][period] = status
        current[(project_id, period)] = (pk, tuple(standing))
    for (project_id, period), status in pending.items():
        if status is None:
            series[project_id].pop(period, None)
        else:
            series[project_id][period] = status
    found: dict[Key, rag.Standing] = {}
    for project_id, by_period in series.items():
        periods = sorted(by_period)
        for period, standing in zip(periods, rag.standings(by_period[p] for p in periods), strict=True):
            found[(project_id, period)] = standing
    stale: dict[tuple, list[int]] = defaultdict(list)
    for key, standing in found.items():
        if key in pending or key not in current:
            continue
        pk, before = current[key]
        if before != stored(standing):
            stale[stored(standing)].append(pk)
    for values, pks in stale.items():
        for start in range(0, len(pks), 5000):
            MonitoringReturn.objects.filter(pk__in=pks[start : start + 5000]).update(
                **dict(zip(STANDING_FIELDS, values, strict=True))
            )
    return found


def set_standing(monitoring_return: MonitoringReturn, standing: rag.Standing) -> None:
    for name, value in zip(STANDING_FIELDS, stored(standing), strict=True):
        setattr(monitoring_return, name, value)


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
    if monitoring_return.pk is None:
        monitoring_return.entered_by = user
        try:
            with transaction.atomic():
                store_return(monitoring_return, user)
        except IntegrityError:
            # Someone else created the same return meanwhile: theirs stands, and this edit is stale.
            current = MonitoringReturn.objects.filter(
                project=monitoring_return.project_id, period=monitoring_return.period
            ).first()
            if current is None:
                raise
            raise StaleEdit(current) from None
        return Saved(monitoring_return, True)
    if expected_version is None or not MonitoringReturn.objects.filter(
        pk=monitoring_return.pk, version=expected_version
    ).update(version=F("version") + 1):
        raise StaleEdit(MonitoringReturn.objects.get(pk=monitoring_return.pk))
    monitoring_return.version = expected_version + 1
    store_return(monitoring_return, user)
    return Saved(monitoring_return, False)


@transaction.atomic
def store_return(monitoring_return: MonitoringReturn, user) -> None:
    """Write one return with its status and standing, and restate the project's other returns (a
    change of status moves the trend of the returns after it; a return moved to another period or,
    in the admin, another project leaves a gap in its old series, restated too)."""
    apply_rules(monitoring_return)
    project_id = monitoring_return.project_id
    key = (project_id, monitoring_return.period)
    # the old period of a return whose period changed drops out of the series
    if monitoring_return.pk is not None:
        before = MonitoringReturn.objects.filter(pk=monitoring_return.pk).values_list("project_id", "period").first()
    else:
        before = None
    pending: dict[Key, str | None] = {key: monitoring_return.status}
    if before and tuple(before) != key:
        pending[(before[0], before[1])] = None
    found = restate({project_id, *(key[0] for key in pending)}, pending)
    set_standing(monitoring_return, found[key])
    monitoring_return._history_user = user  # type: ignore[attr-defined]  # read by django-simple-history
    monitoring_return.save()


def restate_after_delete(sender, instance: MonitoringReturn, **kwargs) -> None:
    """Connected to post_delete: whatever deletes a return (the admin, a script), the returns after
    it are compared with the one before it from then on."""
    restate([instance.project_id])
