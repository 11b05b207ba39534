"""Hywel Dda's 2024-25 budgets and spend, through the importers (the synthetic deprivation data is
loaded by `cymuned.geography.demo`)."""

from pathlib import Path

from .importers import BudgetImporter, SpendImporter
from .models import Budget

DATA = Path(__file__).parent / "demo_data"
FILES = (
    (BudgetImporter, "budgets.csv"),
    (SpendImporter, "spend.csv"),
)


def load(stdout) -> None:
    if Budget.objects.exists():
        return
    for importer, name in FILES:
        path = DATA / name
        stdout.write(f"demo {name}: {importer().run(path.read_bytes(), path.name)}")
