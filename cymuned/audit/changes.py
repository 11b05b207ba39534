"""Every recorded change, as people read it: who, when, what, before and after.

The records themselves are django-simple-history's historical tables; this module turns them into
plain Change values for the history pages and for the history panel of any object's page.
"""

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    model: str
    object_id: object
    object_label: str
    action: str
    fields: tuple[FieldChange, ...]
    reason: str


def tracked_models() -> list[type[models.Model]]:
    """Models whose changes are recorded, by verbose name."""
    found = [m for m in registered_models.values() if hasattr(m, "history")]
    return sorted({m for m in found}, key=lambda m: m._meta.label)


def _label(record) -> str:
    try:
        return str(record.instance)
    except Exception:  # an object whose __str__ needs a deleted relation
        return f"#{record.pk}"


def _field_name(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def as_change(record, previous=None) -> Change:
    model = record.instance_type
    fields: tuple[FieldChange, ...] = ()
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        fields = tuple(FieldChange(_field_name(model, c.field), c.old, c.new) for c in delta.changes)
    user = record.history_user
    return Change(
        when=record.history_date,
        who=(user.get_username() if user else str(_("system"))),
        model=str(model._meta.verbose_name),
        object_id=getattr(record, model._meta.pk.attname),
        object_label=_label(record),
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        fields=fields,
        reason=record.history_change_reason or "",
    )


def changes_for(instance: models.Model) -> list[Change]:
    """The whole history of one object, newest first."""
    history = instance.history  # type: ignore[attr-defined]  # every tracked model has django-simple-history's manager
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id"))
    return [as_change(r, records[i + 1] if i + 1 < len(records) else None) for i, r in enumerate(records)]


def recent_changes(
    chosen: Iterable[type[models.Model]] | None = None,
    username: str = "",
    limit: int = 100,
    scope: Callable[[type[models.Model], models.QuerySet], models.QuerySet] | None = None,
) -> list[Change]:
    """The latest changes across models, newest first (each record diffed against its predecessor).
    `scope(model, history)` limits each model's history records to those a person may see."""
    streams = []
    for model in chosen or tracked_models():
        manager = model.history  # type: ignore[attr-defined]  # django-simple-history's manager
        history = manager.select_related("history_user").order_by("-history_date", "-history_id")
        if scope is not None:
            history = scope(model, history)
        if username:
            history = history.filter(history_user__username=username)
        streams.append(list(history[:limit]))
    latest = heapq.merge(*streams, key=lambda r: r.history_date, reverse=True)
    records = [r for _, r in zip(range(limit), latest, strict=False)]
    return [as_change(r, r.prev_record if r.history_type == "~" else None) for r in records]
