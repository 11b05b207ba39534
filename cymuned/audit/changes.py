"""Every recorded change, as people read it: who, when, what, before and after.

The records themselves are django-simple-history's historical tables; this module turns them into
plain Change values for the history pages and for the history panel of any object's page.

The work is done by model, never by row: one query finds a page of changes across every tracked
model (a UNION of their history tables, newest first), then for each model on the page one query
reads its records with their authors, one the records they are compared with, one per
many-to-many field the rows of its history, and one per foreign key its label names. A page
costs the same number of queries whether it shows 5 changes or 500.
"""

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connections, models
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.fields.related import ForeignKey
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.exceptions import NotHistoricalModelError
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords, registered_models
from simple_history.utils import get_history_model_for_model

from cymuned.periods import LOCAL_ZONE

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
PAGE_SIZE = 50

Scope = Callable[[type[models.Model], models.QuerySet], models.QuerySet]


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


@dataclass(frozen=True)
class Filters:
    """Which changes to list: of these kinds of record (None: all), by this person (user name,
    any case), made on or after `since` and on or before `until` (days in Wales)."""

    kinds: tuple[type[models.Model], ...] | None = None
    username: str = ""
    since: date | None = None
    until: date | None = None


@functools.cache
def _historical_models() -> dict[type[models.Model], type[models.Model]]:
    """Each recorded model's historical model, found once. Reading `Model.history` makes a new
    manager class each time (django-simple-history's descriptor calls `Manager.from_queryset`, which
    inspects every method of the queryset): about a third of a millisecond, and the history page
    read it over a hundred times."""
    found = {}
    for model in registered_models.values():
        try:
            found[model] = get_history_model_for_model(model)
        except NotHistoricalModelError:  # a many-to-many field's table, recorded with its model
            continue
    return found


def records_of(model: type[models.Model]) -> HistoricalQuerySet:
    """All the history records of a model: `model.history.all()` without building its manager."""
    return HistoricalQuerySet(model=_historical_models()[model])


def tracked_models() -> list[type[models.Model]]:
    """Models whose changes are recorded, by label."""
    return sorted(_historical_models(), key=lambda m: m._meta.label)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), LOCAL_ZONE)


def _filtered(model: type[models.Model], filters: Filters, scope: Scope | None) -> models.QuerySet:
    history = records_of(model)
    if scope is not None:
        history = scope(model, history)
    if filters.username:
        history = history.filter(history_user__username__iexact=filters.username)
    if filters.since is not None:
        history = history.filter(history_date__gte=_start_of(filters.since))
    if filters.until is not None and filters.until < date.max:  # the last day of the calendar bounds nothing
        history = history.filter(history_date__lt=_start_of(filters.until + timedelta(days=1)))
    return history


@dataclass(frozen=True)
class Cursor:
    """Where a page of the history begins: just after the change `history_id` of the kind of record
    `kind` (its model's label) made at `when`, in newest-first order; `shown` changes came before.

    The history is paged by this key rather than by page number (keyset pagination): a page costs
    the same at the first change as at the millionth, and no page counts every change there is
    (the count of all history tables grew with the history: 36 ms of a 90 ms page on the national
    bench data set)."""

    when: datetime
    kind: str
    history_id: int
    shown: int = 0

    SEPARATOR = "~"

    def encode(self) -> str:
        return self.SEPARATOR.join((self.when.isoformat(), self.kind, str(self.history_id), str(self.shown)))

    @classmethod
    def parse(cls, text: str | None) -> "Cursor | None":
        """The cursor a link carries; None for anything else (the page then starts at the newest)."""
        parts = (text or "").split(cls.SEPARATOR)
        if len(parts) != 4:
            return None
        try:
            when = datetime.fromisoformat(parts[0])
            history_id, shown = int(parts[2]), int(parts[3])
            if when.tzinfo is None or history_id < 0 or shown < 0:
                return None
            # in UTC, as the databases compare it (a moment at the ends of the calendar has none)
            return cls(when.astimezone(UTC), parts[1][:100], history_id, shown)
        except (ValueError, OverflowError):
            return None


@dataclass(frozen=True)
class HistoryPage:
    """One page of changes: the first and last positions it shows (1-based) and the cursor of the
    next, older page (None at the oldest)."""

    first: int
    last: int
    older: Cursor | None

    @property
    def is_first(self) -> bool:
        return self.first <= 1


def _older_than(model: type[models.Model], after: Cursor) -> Q:
    """The records of this kind that come after the cursor, newest first by (date, kind, id): of a
    kind ordered before the cursor's, from its moment on; of its own kind, those before it; of a
    kind ordered after it, from before its moment."""
    label = model._meta.label
    if label < after.kind:
        return Q(history_date__lte=after.when)
    if label == after.kind:
        return Q(history_date__lt=after.when) | Q(history_date=after.when, history_id__lt=after.history_id)
    return Q(history_date__lt=after.when)


def _keys(
    models_: Sequence[type[models.Model]],
    filters: Filters,
    scope: Scope | None,
    after: Cursor | None,
    limit: int,
) -> list[tuple[datetime, int, int]]:
    """(history_date, kind, history_id) of the first `limit` changes that pass, newest first, after
    the cursor: one query. Where the database allows it (PostgreSQL), each history table gives only
    its own newest `limit` from its (history_date, history_id) index before they are merged."""
    parts = []
    for index, model in enumerate(models_):
        history = _filtered(model, filters, scope)
        if after is not None:
            history = history.filter(_older_than(model, after))
        history = history.annotate(history_kind=Value(index, output_field=IntegerField()))
        parts.append(
            history.order_by("-history_date", "-history_id").values_list("history_date", "history_kind", "history_id")
        )
    if not parts:
        return []
    if len(parts) == 1:
        return list(parts[0][:limit])
    if connections[parts[0].db].features.supports_slicing_ordering_in_compound:
        parts = [part[:limit] for part in parts]
    else:
        parts = [part.order_by() for part in parts]
    combined = parts[0].union(*parts[1:], all=True)
    return list(combined.order_by("-history_date", "-history_kind", "-history_id")[:limit])


def page_of_changes(
    filters: Filters = Filters(),
    scope: Scope | None = None,
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> tuple[HistoryPage, list[Change]]:
    """One page of the changes that pass the filters, newest first, each diffed against the record
    before it, starting after the cursor (None: at the newest). `scope(model, history)` limits each
    model's records to those a person may see."""
    chosen = sorted(filters.kinds or tracked_models(), key=lambda m: m._meta.label)
    keys = _keys(chosen, filters, scope, after, size + 1)
    shown, more = keys[:size], len(keys) > size
    by_kind: dict[int, list[int]] = {}
    for _when, kind, history_id in shown:
        by_kind.setdefault(kind, []).append(history_id)
    found: dict[tuple[int, int], Change] = {}
    for kind, ids in by_kind.items():
        model = chosen[kind]
        for history_id, change in _changes_by_id(model, ids).items():
            found[(kind, history_id)] = change
    before = after.shown if after is not None else 0
    older = None
    if more:
        when, kind, history_id = shown[-1]
        older = Cursor(when, chosen[kind]._meta.label, history_id, before + len(shown))
    page = HistoryPage(first=before + 1, last=before + len(shown), older=older)
    return page, [found[(kind, history_id)] for _when, kind, history_id in shown]


def recent_changes(
    chosen: Iterable[type[models.Model]] | None = None,
    username: str = "",
    limit: int = 100,
    scope: Scope | None = None,
) -> list[Change]:
    """The latest `limit` changes across models, newest first."""
    filters = Filters(kinds=tuple(chosen) if chosen else None, username=username)
    return page_of_changes(filters, scope, None, limit)[1]


def _previous_id(model: type[models.Model]) -> Subquery:
    """The history id of the record before each one (same object, earlier; ties by id)."""
    attname = model._meta.pk.attname
    earlier = records_of(model).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
        **{attname: OuterRef(attname)},
    )
    return Subquery(earlier.order_by("-history_date", "-history_id").values("history_id")[:1])


def _changes_by_id(model: type[models.Model], ids: list[int]) -> dict[int, Change]:
    history = records_of(model)
    records = list(
        history.filter(history_id__in=ids).select_related("history_user").annotate(previous_id=_previous_id(model))
    )
    wanted = [r.previous_id for r in records if r.history_type == "~" and r.previous_id is not None]
    previous = {r.history_id: r for r in history.filter(history_id__in=wanted)} if wanted else {}
    pairs = [(r, previous.get(r.previous_id) if r.history_type == "~" else None) for r in records]
    return {r.history_id: change for r, change in zip(records, as_changes(model, pairs), strict=True)}


def changes_for(instance: models.Model) -> list[Change]:
    """The whole history of one object, newest first."""
    history = instance.history  # type: ignore[attr-defined]  # every tracked model has django-simple-history's manager
    return history_of(type(instance), history.all())


def history_of(model: type[models.Model], history: models.QuerySet) -> list[Change]:
    """The changes of one object's history records, newest first, each against the one before."""
    records = list(history.select_related("history_user").order_by("-history_date", "-history_id"))
    pairs = [
        (r, records[i + 1] if i + 1 < len(records) and r.history_type == "~" else None) for i, r in enumerate(records)
    ]
    return as_changes(model, pairs)


# -- turning records into changes, a model at a time ------------------------------------------------
def _field_name(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _label_paths(model: type[models.Model]) -> list[str]:
    """The foreign keys a record's label may name, two steps deep (a value's measure's project)."""
    paths = []
    for field in model._meta.concrete_fields:
        if isinstance(field, ForeignKey):
            paths.append(field.name)
            target = field.related_model
            assert isinstance(target, type)
            paths += [
                f"{field.name}__{inner.name}" for inner in target._meta.concrete_fields if isinstance(inner, ForeignKey)
            ]
    return paths


def _instances(model: type[models.Model], records: list) -> list[models.Model]:
    """Each record as an unsaved object of its model (the fields its history keeps), with the
    related objects its label names fetched once for all."""
    kept = [f for f in model._meta.concrete_fields if hasattr(records[0], f.attname)] if records else []
    made = [model(**{f.attname: getattr(r, f.attname) for f in kept}) for r in records]
    if made:
        models.prefetch_related_objects(made, *_label_paths(model))
    return made


def _label(instance: models.Model, record) -> str:
    try:
        return str(instance)
    except Exception:  # a label that names a deleted object
        return f"#{record.pk}"


def _m2m_values(model: type[models.Model], records: list) -> dict[tuple[str, int], list[str]]:
    """For each many-to-many field kept in history and each record: the related objects then."""
    found: dict[tuple[str, int], list[str]] = {}
    if not records:
        return found
    for field in records[0]._history_m2m_fields:
        through = HistoricalRecords.m2m_models[field]  # the history's rows of the field
        target = field.related_model
        column = next(f.attname for f in through._meta.concrete_fields if f.related_model is target)
        rows = list(
            through.objects.filter(history_id__in=[r.history_id for r in records]).values_list("history_id", column)
        )
        # a unit by its code, as people name clusters; anything else by its label
        names = {
            obj.pk: str(getattr(obj, "code", "") or obj)
            for obj in target._default_manager.filter(pk__in={v for _h, v in rows})
        }
        for record in records:
            found[(field.name, record.history_id)] = []
        for history_id, value in rows:
            found[(field.name, history_id)].append(names.get(value, f"#{value}"))
        for key in found:
            found[key].sort()
    return found


def as_changes(model: type[models.Model], pairs: list[tuple[Any, Any | None]]) -> list[Change]:
    """Each (record, the record before it or None) as a Change, in order, with a fixed number of
    queries for the lot."""
    records = [r for r, _p in pairs]
    instances = _instances(model, records)
    both = records + [p for _r, p in pairs if p is not None]
    m2m = _m2m_values(model, both)
    m2m_names = [f.name for f in records[0]._history_m2m_fields] if records else []
    changes = []
    for (record, previous), instance in zip(pairs, instances, strict=True):
        fields: list[FieldChange] = []
        if previous is not None:
            for field in record.tracked_fields:
                if not field.editable or field.name in m2m_names:
                    continue
                old, new = getattr(previous, field.attname), getattr(record, field.attname)
                if old != new:
                    fields.append(FieldChange(field.name, old, new))
            for name in m2m_names:
                old, new = m2m[(name, previous.history_id)], m2m[(name, record.history_id)]
                if old != new:
                    fields.append(FieldChange(name, ", ".join(old), ", ".join(new)))
            fields.sort(key=lambda change: change.field)
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=(user.get_username() if user else str(_("system"))),
                model=str(model._meta.verbose_name),
                object_id=getattr(record, model._meta.pk.attname),
                object_label=_label(instance, record),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                fields=tuple(FieldChange(_field_name(model, f.field), f.before, f.after) for f in fields),
                reason=record.history_change_reason or "",
            )
        )
    return changes


def as_change(record, previous=None) -> Change:
    """One record as a Change (for a single record; lists go through `as_changes`)."""
    return as_changes(record.instance_type, [(record, previous)])[0]
