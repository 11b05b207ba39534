"""Writing records by their natural key, the one way: match the records already stored in one query,
create what is new and update what differs in bulk, and leave what is the same untouched (so writing
the same values again changes nothing and adds no history).

History is written through django-simple-history's public bulk API, attributed to the person."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
BATCH = 2000


@dataclass(frozen=True)
class Upsert:
    """Records of `model` identified by the `key` fields, whose `fields` come from the file.

    `version`: add one to the record's `version` on each change; `stamp`: a field set to the time of
    each change (e.g. `updated_at`); `also_write`: fields the importer works out itself (a status),
    written with each change but not compared. Key and field values may be records (foreign keys)."""

    model: type[Model]
    key: tuple[str, ...]
    fields: tuple[str, ...]
    version: bool = False
    stamp: str | None = None
    also_write: tuple[str, ...] = ()
    batch_size: int = BATCH

    def written_fields(self) -> list[str]:
        return [
            *self.fields,
            *self.also_write,
            *(["version"] if self.version else []),
            *([self.stamp] if self.stamp else []),
        ]


@dataclass
class Plan:
    """What an upsert will do: the records to create and to change, and for every wanted row in
    order, its record and whether it is created, updated or unchanged."""

    new: list[Model] = field(default_factory=list)
    changed: list[Model] = field(default_factory=list)
    records: list[Model] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return self.statuses.count(status)


def _plain(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value


def _attname(model: type[Model], name: str) -> str:
    return model._meta.get_field(name).attname  # type: ignore[union-attr]


def stored(spec: Upsert, wanted: Sequence[dict[str, Any]]) -> dict[tuple, Model]:
    """The records already stored for these rows, by key, in one query."""
    condition = Q()
    for name in spec.key:
        attname = _attname(spec.model, name)
        values = {_plain(w[name]) for w in wanted}
        present = Q(**{f"{attname}__in": values - {None}})
        condition &= (present | Q(**{f"{attname}__isnull": True})) if None in values else present
    found = spec.model._default_manager.filter(condition) if wanted else []
    attnames = [_attname(spec.model, name) for name in spec.key]
    return {tuple(getattr(record, a) for a in attnames): record for record in found}


def plan(
    spec: Upsert,
    wanted: Sequence[dict[str, Any]],
    existing: dict[tuple, Model] | None = None,
    also_changed: Callable[[Model, int], bool] | None = None,
) -> Plan:
    """Compare each wanted row (key and field values) with what is stored. `also_changed(record, i)`
    says that row i changes its record in a way the fields do not show (its links, say)."""
    existing = stored(spec, wanted) if existing is None else existing
    now = timezone.now()
    result = Plan()
    compared = [(name, _attname(spec.model, name)) for name in spec.fields]
    for index, values in enumerate(wanted):
        key = tuple(_plain(values[name]) for name in spec.key)
        record = existing.get(key)
        if record is None:
            record = spec.model(**values)
            existing[key] = record  # a later row of the same key updates this one
            result.new.append(record)
            result.statuses.append(CREATED)
        else:
            differs = [n for n, a in compared if getattr(record, a) != _plain(values[n])]
            if differs or (also_changed is not None and also_changed(record, index)):
                for name in differs:
                    setattr(record, name, values[name])
                if spec.version:
                    record.version += 1  # type: ignore[attr-defined]
                if spec.stamp:
                    setattr(record, spec.stamp, now)
                if record not in result.changed and record.pk is not None:
                    result.changed.append(record)
                result.statuses.append(UPDATED)
            else:
                result.statuses.append(UNCHANGED)
        result.records.append(record)
    return result


def save(spec: Upsert, planned: Plan, user=None, create: Callable[[list[Model]], Any] | None = None) -> None:
    """Write the plan: one bulk insert and one bulk update, each with its history rows."""
    if planned.new:
        if create is not None:
            create(planned.new)
        else:
            bulk_create_with_history(planned.new, spec.model, batch_size=spec.batch_size, default_user=user)
    if planned.changed:
        bulk_update_with_history(
            planned.changed, spec.model, spec.written_fields(), batch_size=spec.batch_size, default_user=user
        )


def upsert(spec: Upsert, wanted: Iterable[dict[str, Any]], user=None) -> Plan:
    """Plan and write in one call."""
    planned = plan(spec, list(wanted))
    save(spec, planned, user)
    return planned
