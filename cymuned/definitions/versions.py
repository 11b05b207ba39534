"""Definitions as data: versioned files loaded into a table, looked up as they were in force on a date.

Each definition has a folder under `data/` named for it (`rag`, `risk-grid`, `wimd-decile-weights`,
`measure-kinds`, …) holding one JSON object per version, named for the date it comes into force
(`data/rag/2024-04-01.json`). `cymuned load-definitions` (also run after every `migrate`) writes them
into the `Definition` table; loading the same files again changes nothing. `in_force(name, on)` gives
the version in force on a date: the latest version from that date or before. The first version of a
definition also answers for dates before it (what was in force before the service knew of it is
that first version).

Rules stay pure: a caller looks up the version in force for the date it judges (a return's quarter
end, a paper's quarter end, an allocation's year start) and passes its values to the rule.
"""

import hashlib
import json
import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"

log = logging.getLogger(__name__)


class DefinitionError(ValueError):
    """A definition file that cannot be loaded, or a definition that has no version."""


@dataclass(frozen=True)
class Version:
    name: str
    effective_from: date
    content: dict[str, Any] = field(hash=False, compare=False)
    source: str = ""
    digest: str = ""


def read_file(path: Path) -> Version:
    """One version from its file; a bad name or bad JSON is refused naming the file."""
    where = path.relative_to(DATA_DIR) if path.is_relative_to(DATA_DIR) else path
    try:
        effective_from = date.fromisoformat(path.stem)
    except ValueError:
        raise DefinitionError(f"{where}: the file name must be the date it comes into force, YYYY-MM-DD.json") from None
    raw = path.read_bytes()
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DefinitionError(f"{where}: not valid JSON ({error})") from error
    if not isinstance(content, dict):
        raise DefinitionError(f"{where}: a definition is one JSON object")
    return Version(path.parent.name, effective_from, content, str(where), hashlib.sha256(raw).hexdigest())


def read_files(data_dir: Path | None = None) -> dict[str, tuple[Version, ...]]:
    """Every version of every definition in the repository's files, by name, oldest first."""
    found: dict[str, list[Version]] = {}
    for path in sorted((data_dir or DATA_DIR).glob("*/*.json")):
        version = read_file(path)
        found.setdefault(version.name, []).append(version)
    return {name: tuple(sorted(versions, key=lambda v: v.effective_from)) for name, versions in found.items()}


def pick(versions: tuple[Version, ...], on: date) -> Version:
    """The version in force on `on` (the first one for dates before it)."""
    if not versions:
        raise DefinitionError("no version of this definition is loaded")
    index = bisect_right([v.effective_from for v in versions], on)
    return versions[max(index - 1, 0)]


# Versions read from the table, by name, until the table changes (`forget`).
_cache: dict[str, tuple[Version, ...]] = {}


def forget() -> None:
    _cache.clear()


def versions(name: str) -> tuple[Version, ...]:
    """Every loaded version of a definition, oldest first. A database into which nothing of that name
    was ever loaded (restored from an older backup, say) reads the repository's files instead."""
    if name not in _cache:
        from .models import Definition

        rows = Definition.objects.filter(name=name).order_by("effective_from")
        found = tuple(Version(r.name, r.effective_from, r.content, r.source, r.digest) for r in rows)
        if not found:
            found = read_files().get(name, ())
            if not found:
                raise DefinitionError(f"there is no definition named {name!r}")
            log.warning("definition %r is not loaded: read from its files (run `cymuned load-definitions`)", name)
        _cache[name] = found
    return _cache[name]


def in_force(name: str, on: date) -> Version:
    return pick(versions(name), on)


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def load(data_dir: Path | None = None, using: str = "default") -> LoadResult:
    """Write every file's version into the table: new versions added, changed files updated, versions
    whose file is gone removed (for the definitions that still have files). All or nothing."""
    from django.db import transaction

    from .models import Definition

    files = read_files(data_dir)  # every file is read (and checked) before anything is written
    result = LoadResult()
    with transaction.atomic(using=using):
        stored = {(d.name, d.effective_from): d for d in Definition.objects.using(using).filter(name__in=files)}
        for name, found in files.items():
            for version in found:
                label = f"{name} {version.effective_from:%Y-%m-%d}"
                row = stored.pop((name, version.effective_from), None)
                if row is None:
                    Definition.objects.using(using).create(
                        name=name,
                        effective_from=version.effective_from,
                        content=version.content,
                        source=version.source,
                        digest=version.digest,
                    )
                    result.created.append(label)
                elif row.digest != version.digest or row.content != version.content:
                    row.content, row.source, row.digest = version.content, version.source, version.digest
                    row.save(using=using)
                    result.updated.append(label)
        for (name, effective_from), row in stored.items():
            row.delete()
            result.removed.append(f"{name} {effective_from:%Y-%m-%d}")
    forget()
    return result


def load_after_migrate(using: str = "default", **kwargs) -> None:
    from django.db import connections

    from .models import Definition

    # migrating backwards past this app's first migration leaves no table to load into
    if Definition._meta.db_table in connections[using].introspection.table_names():
        load(using=using)
