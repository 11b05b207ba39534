"""The project's own files agree with each other: packaging with the lock's input, the Welsh catalogue
with Django's."""

import tomllib
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parents[2]
WELSH = ROOT / "cymuned" / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def test_pyproject_declares_the_runtime_dependencies_that_are_locked():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = (ROOT / "requirements.in").read_text().splitlines()
    wanted = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert sorted(declared) == sorted(wanted)


def test_test_oracles_are_not_runtime_dependencies():
    declared = " ".join(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]).lower()
    assert not {"abspc", "pandas", "numpy", "matplotlib", "altair"} & set(declared.replace(">", " ").split())


def test_welsh_plural_forms_are_djangos_own():
    # Source of the expected value: Django's Welsh catalogue, django/conf/locale/cy/LC_MESSAGES/django.po.
    djangos = polib.pofile(str(Path(django.__file__).parent / "conf" / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    ours = polib.pofile(str(WELSH))
    assert ours.metadata["Plural-Forms"] == djangos.metadata["Plural-Forms"]
    assert ours.metadata["Plural-Forms"].startswith("nplurals=4;")


def test_every_plural_message_has_its_four_welsh_forms():
    plurals = [entry for entry in polib.pofile(str(WELSH)) if entry.msgid_plural and not entry.obsolete]
    assert plurals
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == [0, 1, 2, 3], entry.msgid
        assert all(entry.msgstr_plural[form] for form in range(4)), entry.msgid
