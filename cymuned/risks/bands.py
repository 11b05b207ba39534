"""The NHS 5 × 5 risk matrix: a risk's score is likelihood × consequence (each 1–5), and the score
falls in a band named in words. The bands are data (`BANDS`), as the NHS risk matrix prints them:
1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE = range(1, 6)


@dataclass(frozen=True)
class Band:
    key: str
    lowest: int
    highest: int
    label: str | Promise
    colour: str  # the matrix's colour; the band is always also named in words


BANDS: tuple[Band, ...] = (
    Band("low", 1, 3, _("low"), "#007f3b"),
    Band("moderate", 4, 6, _("moderate"), "#ffb81c"),
    Band("high", 8, 12, _("high"), "#ed8b00"),
    Band("extreme", 15, 25, _("extreme"), "#d5281b"),
)
BY_KEY = {band.key: band for band in BANDS}
SCORES = frozenset(likelihood * consequence for likelihood in SCALE for consequence in SCALE)


def score(likelihood: int, consequence: int) -> int:
    """The score of a risk: likelihood × consequence, each 1–5."""
    for value in (likelihood, consequence):
        if value not in SCALE:
            raise ValueError(f"{value} is not between 1 and 5")
    return likelihood * consequence


def band_of(value: int) -> Band:
    """The band a score falls in. Only products of two numbers 1–5 are scores (7, 11, 13, 14 … are not)."""
    if value in SCORES:
        for band in BANDS:
            if band.lowest <= value <= band.highest:
                return band
    raise ValueError(f"{value} is not a score of the 5 × 5 matrix")


def scores_in(band: Band) -> list[int]:
    """Every score of the matrix in the band (for filtering a register by band)."""
    return sorted(s for s in SCORES if band.lowest <= s <= band.highest)


def is_overdue(review_date: date | None, on: date) -> bool:
    """A review is overdue once its date has passed (reviewing on the day is on time); a risk with
    no review date is not overdue, it is unscheduled."""
    return review_date is not None and review_date < on


def heat_map(cells: Iterable[tuple[int, int]]) -> dict[str, int]:
    """How many risks sit in each cell, keyed "<likelihood>x<consequence>", all 25 cells given."""
    counts = Counter(f"{likelihood}x{consequence}" for likelihood, consequence in cells)
    return {f"{l}x{c}": counts.get(f"{l}x{c}", 0) for l in SCALE for c in SCALE}  # noqa: E741


def paper_line(reference: str, title: str, value: int, datix_id: bool = True) -> str:
    """A risk as committee papers cite it (seed 000): "1937 – Risk of Enforcement Notice … (8)"; one
    without a Datix ID by its title alone, as the paper cites it: "Risk of not achieving … (6)"."""
    return f"{reference} – {title} ({value})" if datix_id else f"{title} ({value})"


def likelihood_consequence_for(value: int) -> tuple[int, int]:
    """A likelihood and consequence that give a published score when only the score is known: the
    pair with the smallest difference, likelihood the smaller (8 → 2 × 4, 6 → 2 × 3, 9 → 3 × 3).
    A risk scored this way is marked as such."""
    pairs = [(l, value // l) for l in SCALE if value % l == 0 and value // l in SCALE]  # noqa: E741
    if not pairs:
        raise ValueError(f"{value} is not a score of the 5 × 5 matrix")
    return min(pairs, key=lambda pair: (abs(pair[0] - pair[1]), pair[0] > pair[1]))
