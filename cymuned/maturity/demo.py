"""The demonstration maturity cycle: Hywel Dda's seven clusters rated by three raters for 2026-27 on the
Integrated Neighbourhoods framework, with the workshop's agreed stage. Made up (marked synthetic)."""

from pathlib import Path

from .importers import MaturityImporter
from .loading import load_shipped
from .models import Assessment

DATA = Path(__file__).parent / "demo_data" / "hywel-dda-2026-27.csv"


def load(stdout) -> None:
    load_shipped()
    if Assessment.objects.exists():
        return
    stdout.write(f"demo {DATA.name}: {MaturityImporter().run(DATA.read_bytes(), DATA.name)}")
