"""Whole-database backup and restore through Django's serialisers, so a backup taken from SQLite
restores into PostgreSQL and back. Content types and permissions are rebuilt by `migrate`, so they
are left out and referred to by natural keys; sessions and sign-in throttling records are transient.
The admin's log of changes is kept.

A backup holds password hashes: the file, and the temporary file a restore writes, can be read by
their owner alone (mode 0600), and the temporary file is removed however the restore ends.
"""

import gzip
import io
import json
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import CommandError, call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import override_settings

# Definitions are left out too: they are the repository's files, loaded by every `migrate`.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "definitions"]
PRIVATE = 0o600
FORMAT = "cymuned-backup"
SERIAL_FORMAT = "cymunedjson"  # settings.SERIALIZATION_MODULES
VERSION = 1


class RestoreRefused(Exception):
    pass


def data_models():
    """Every model whose rows a backup carries."""
    excluded_apps = {name for name in EXCLUDED if "." not in name}
    excluded_models = {name for name in EXCLUDED if "." in name}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and f"{model._meta.app_label}.{model._meta.model_name}" not in excluded_models
        and not model._meta.proxy
        and model._meta.managed
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in data_models()}


def backup(path: Path) -> dict[str, int]:
    """Write every row to a gzip-compressed JSON file; returns the row count of each model."""
    buffer = io.StringIO()
    with transaction.atomic():  # one consistent snapshot
        counts = row_counts()
        call_command(
            "dumpdata",
            *[f"--exclude={name}" for name in EXCLUDED],
            natural_foreign=True,
            natural_primary=True,
            format=SERIAL_FORMAT,
            stdout=buffer,
            verbosity=0,
        )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "counts": counts,
        "objects": json.loads(buffer.getvalue() or "[]"),
    }
    path = Path(path)
    # Written beside the target under a temporary name, readable by the owner alone, then moved
    # into place: a failed backup never leaves half a file where the last good one was.
    descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or ".")
    try:
        with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as zipped:
            with io.TextIOWrapper(zipped, encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False)
        os.chmod(partial, PRIVATE)
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
    return counts


def restore(path: Path, replace: bool = False) -> dict[str, int]:
    """Load a backup into this database, all or nothing. Refuses a database that holds data unless
    `replace` is given, in which case the existing rows are removed in the same transaction."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, EOFError, zlib.error, ValueError) as error:  # ValueError: bad JSON or text
        raise RestoreRefused(f"{path} is not a Cymuned backup, or it is damaged: {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreRefused(f"{path} is not a Cymuned backup")
    if document.get("version") != VERSION:
        raise RestoreRefused(f"{path} is a backup of version {document.get('version')}; this is version {VERSION}")
    if not isinstance(document.get("objects"), list) or not isinstance(document.get("counts"), dict):
        raise RestoreRefused(f"{path} is damaged: it has no list of objects and their counts")
    occupied = {label: n for label, n in row_counts().items() if n}
    if occupied and not replace:
        raise RestoreRefused(
            "the database already holds data ("
            + ", ".join(f"{label}: {n}" for label, n in sorted(occupied.items())[:5])
            + "…); restore into an empty, migrated database or pass --replace"
        )
    # A private directory (0700) holds the file loaddata reads (0600); both go however this ends.
    directory = Path(tempfile.mkdtemp(prefix="cymuned-restore-"))
    fixture = directory / f"backup.{SERIAL_FORMAT}"
    try:
        descriptor = os.open(fixture, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document["objects"], handle)
        with transaction.atomic():
            # Foreign keys are checked when written, not at commit: on PostgreSQL they are deferred,
            # and a check left pending past this block (inside a caller's transaction, where this is
            # a savepoint) would outlive the rollback of a failed restore and refuse the next
            # TRUNCATE ("pending trigger events"). Checking here, before and after, keeps every
            # failure inside the block, which then rolls back whole on both databases.
            connection.check_constraints()
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            # The history tables are restored as they were; recording the restore itself as new
            # history would double them.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(fixture), verbosity=0)
            connection.check_constraints()
            restored = row_counts()
            expected = {label: n for label, n in document["counts"].items() if label in restored}
            if {label: restored[label] for label in expected} != expected:
                raise RestoreRefused("the restored row counts differ from the backup's; nothing was restored")
    except (DeserializationError, CommandError, DatabaseError, ObjectDoesNotExist, LookupError, TypeError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RestoreRefused(f"{path} is damaged and nothing was restored: {first_line}") from error
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return restored
