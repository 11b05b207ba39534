"""Hywel Dda's 2024-25 budgets and spend, and synthetic deprivation data, through the importers."""

from pathlib import Path

from .importers import BudgetImporter, PracticeLsoaImporter, SpendImporter, WimdImporter
from .models import Budget

DATA = Path(__file__).parent / "demo_data"
FILES = (
    (BudgetImporter, "budgets.csv"),
    (SpendImporter, "spend.csv"),
    (WimdImporter, "wimd.csv"),
    (PracticeLsoaImporter, "practice_lsoa.csv"),
)


def load(stdout) -> None:
    if Budget.objects.exists():
        return
    for importer, name in FILES:
        path = DATA / name
        stdout.write(f"demo {name}: {importer().run(path.read_bytes(), path.name)}")
