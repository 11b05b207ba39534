"""Issue 10, item 16: a backup and the file a restore writes are readable by their owner alone, the
restore's file is removed however it ends, and a damaged backup is refused with a clear message."""

import gzip
import json
import os
import stat
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cymuned.backups import archive


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_backup_is_private_even_under_a_lax_umask(world, tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "cymuned.json.gz"
        archive.backup(target)
    finally:
        os.umask(previous)
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["cymuned.json.gz"]  # no partial file left


def test_the_restore_file_is_private_and_removed_when_the_restore_fails(world, tmp_path, monkeypatch):
    target = tmp_path / "backup.json.gz"
    archive.backup(target)
    seen = {}
    real = archive.call_command

    def watching(name, *args, **options):
        if name == "loaddata":
            fixture = Path(args[0])
            seen["mode"], seen["dir_mode"], seen["path"] = mode(fixture), mode(fixture.parent), fixture
            raise RuntimeError("the disk is full")
        return real(name, *args, **options)

    monkeypatch.setattr(archive, "call_command", watching)
    with pytest.raises(RuntimeError):
        archive.restore(target, replace=True)
    assert seen["mode"] == 0o600 and seen["dir_mode"] == 0o700
    assert not seen["path"].exists() and not seen["path"].parent.exists()
    assert str(seen["path"]).startswith(tempfile.gettempdir()) and tmp_path not in seen["path"].parents


def test_a_failed_restore_rolls_back_whole_and_the_database_stays_usable(transactional_db, world, tmp_path):
    """On both databases, as `cymuned restore` runs (its own transaction, not a test's): a backup
    whose rows break a foreign key is refused inside the restore (its checks run before the block
    ends), what was there before --replace is all still there, and the database takes the next
    statement, a flush included (on PostgreSQL a check left pending would refuse the TRUNCATE with
    "pending trigger events")."""
    from cymuned.orgs.models import Membership, OrgUnit

    target = tmp_path / "backup.json.gz"
    archive.backup(target)
    before = archive.row_counts()
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    link = next(o for o in document["objects"] if o["model"] == "orgs.membership")
    link["fields"]["parent"] = 999_999  # a unit that is in neither the backup nor the database
    with gzip.open(target, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)
    with pytest.raises(archive.RestoreRefused) as refused:
        archive.restore(target, replace=True)
    assert str(refused.value).startswith(f"{target} is damaged and nothing was restored: ")
    assert archive.row_counts() == before
    assert OrgUnit.objects.filter(code="AG").exists() and Membership.objects.count() == before["orgs.Membership"]
    call_command("flush", interactive=False, verbosity=0)
    assert OrgUnit.objects.count() == 0


def test_a_damaged_object_is_refused_clearly(world, tmp_path):
    target = tmp_path / "backup.json.gz"
    archive.backup(target)
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    document["objects"].append({"model": "orgs.orgunit", "fields": {"kind": "cluster", "no_such_field": 1}})
    document["objects"].append({"model": "nowhere.nothing", "fields": {}})
    with gzip.open(target, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(target), "--replace")
    assert str(refused.value).startswith(f"{target} is damaged and nothing was restored: ")
    assert "Traceback" not in str(refused.value)


@pytest.mark.parametrize(
    "content",
    [b"not gzip at all", gzip.compress(b"{not json"), gzip.compress(b'{"format": "cymuned-backup", "version": 1}')],
    ids=["not gzip", "not json", "no objects"],
)
def test_a_file_that_is_no_backup_is_refused_clearly(db, tmp_path, content):
    target = tmp_path / "backup.json.gz"
    target.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(target))
    assert str(refused.value).startswith(str(target))
