"""Every string marked for translation has its Welsh (Welsh Language Standards; issue 13). The
catalogue is extracted afresh from a copy of the package, as `make messages-extract` would, so a
string marked in code but never added to the catalogue is found, not only one added and left empty."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parents[2] / "cymuned"


def _has_welsh(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_every_marked_string_has_welsh(tmp_path):
    assert shutil.which("xgettext"), "GNU gettext is needed (scripts/ensure-system-packages installs it)"
    copy = tmp_path / "cymuned"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    environment = {**os.environ, "CYMUNED_DEV": "1"}
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        # the project's own command, as `make messages-extract` runs it (`python -m django` would put the
        # package's folder first on the path, where its `statistics` hides the standard library's)
        [str(Path(sys.executable).parent / "cymuned"), "makemessages", "--locale", "cy", "--no-obsolete"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    catalogue = polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    missing = [
        f"{entry.msgid!r} ({', '.join(f'{f}:{n}' for f, n in entry.occurrences[:2])})"
        for entry in catalogue
        if entry.msgid
        and not entry.obsolete
        # fuzzy only for a changed format flag ("95% confidence" reads to xgettext as the format "% c") keeps
        # its translation; one guessed from another msgid does not
        and (not _has_welsh(entry) or ("fuzzy" in entry.flags and entry.previous_msgid != entry.msgid))
    ]
    assert not missing, "strings with no Welsh:\n" + "\n".join(missing)
