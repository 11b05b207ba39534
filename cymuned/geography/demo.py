"""Synthetic LSOAs in the published WIMD layout and the demo practices' patients spread over them,
through the importers."""

from pathlib import Path

from .importers import PracticeLsoaImporter, WimdImporter
from .models import Lsoa

DATA = Path(__file__).parent / "demo_data"
FILES = (
    (WimdImporter, "wimd.csv"),
    (PracticeLsoaImporter, "practice_lsoa.csv"),
)


def load(stdout) -> None:
    if Lsoa.objects.exists():
        return
    for importer, name in FILES:
        path = DATA / name
        stdout.write(f"demo {name}: {importer().run(path.read_bytes(), path.name)}")
