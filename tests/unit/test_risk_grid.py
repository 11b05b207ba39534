"""Issue 13, item 9: the risk grid names its zones in words and each cell's link says what it holds."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from cymuned.portfolio import risk_grid
from cymuned.portfolio.risk_grid import Zone

DATA = Path(__file__).resolve().parents[2] / "cymuned" / "definitions" / "data"


def test_every_cell_has_a_zone_and_the_red_cells_call_for_a_conversation():
    # The Hywel Dda report's grid (seed 002): red and worsening, amber and worsening, red and stable are red.
    zones = json.loads(next((DATA / "risk-grid").glob("*.json")).read_text())["zones"]
    cells = {(t, r): risk_grid.zone(colour) for t, row in zones.items() for r, colour in row.items()}
    assert len(cells) == 9
    red = {cell for cell, zone in cells.items() if zone is Zone.CONVERSATION}
    assert red == {("worsening", "red"), ("worsening", "amber"), ("stable", "red")}
    assert {zone.label for zone in Zone} == {"Performance conversation", "Keep watch", "On track"}


@pytest.mark.parametrize(
    ("language", "count", "trend", "rag", "said"),
    [
        ("en", 8, "worsening", "red", "8 projects red and worsening"),  # the example
        ("en", 1, "stable", "green", "1 project green and stable"),
        # Welsh: a numeral takes the singular noun; "yn" softens coch → goch, gwyrdd → wyrdd.
        ("cy", 8, "worsening", "red", "8 prosiect yn goch ac yn gwaethygu"),
        ("cy", 2, "improving", "green", "2 prosiect yn wyrdd ac yn gwella"),
        # a national figure: thousands grouped with a comma in both languages (Django's cy formats)
        ("en", 13649, "stable", "red", "13,649 projects red and stable"),
        ("cy", 13649, "stable", "red", "13,649 prosiect yn goch ac yn sefydlog"),
    ],
)
def test_a_cell_says_how_many_projects_and_which(language, count, trend, rag, said):
    with translation.override(language):
        assert risk_grid.cell_text(count, trend, rag) == said
