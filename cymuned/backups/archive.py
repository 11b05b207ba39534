"""Whole-database backup and restore through Django's serialisers, so a backup taken from SQLite
restores into PostgreSQL and back. Content types and permissions are rebuilt by `migrate`, so they
are left out and referred to by natural keys; sessions and sign-in throttling records are transient.
"""

import gzip
import io
import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]
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
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    return counts


def restore(path: Path, replace: bool = False) -> dict[str, int]:
    """Load a backup into this database, all or nothing. Refuses a database that holds data unless
    `replace` is given, in which case the existing rows are removed in the same transaction."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, json.JSONDecodeError, EOFError) as error:
        raise RestoreRefused(f"{path} is not a Cymuned backup: {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreRefused(f"{path} is not a Cymuned backup")
    if document.get("version") != VERSION:
        raise RestoreRefused(f"{path} is a backup of version {document.get('version')}; this is version {VERSION}")
    occupied = {label: n for label, n in row_counts().items() if n}
    if occupied and not replace:
        raise RestoreRefused(
            "the database already holds data ("
            + ", ".join(f"{label}: {n}" for label, n in sorted(occupied.items())[:5])
            + "…); restore into an empty, migrated database or pass --replace"
        )
    fixture = Path(path).with_suffix(f".restore.{SERIAL_FORMAT}")
    try:
        fixture.write_text(json.dumps(document["objects"]), encoding="utf-8")
        with transaction.atomic():
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            # The history tables are restored as they were; recording the restore itself as new
            # history would double them.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(fixture), verbosity=0)
            restored = row_counts()
            expected = {label: n for label, n in document["counts"].items() if label in restored}
            if {label: restored[label] for label in expected} != expected:
                raise RestoreRefused("the restored row counts differ from the backup's; nothing was restored")
    finally:
        fixture.unlink(missing_ok=True)
    return restored
