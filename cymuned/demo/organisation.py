"""Synthetic GP practices for Hywel Dda, imported through the real practices importer."""

from pathlib import Path

from cymuned.organisation.importers import PracticeImporter
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.orgs.reference import load_reference

PRACTICES_FILE = Path(__file__).parent / "data" / "practices.csv"


def load(stdout) -> None:
    result = load_reference()
    stdout.write(f"reference organisation: {result.created} units created")
    if not OrgUnit.objects.filter(kind=Kind.PRACTICE).exists():
        outcome = PracticeImporter().run(PRACTICES_FILE.read_bytes(), PRACTICES_FILE.name)
        stdout.write(f"synthetic practices: {outcome}")
