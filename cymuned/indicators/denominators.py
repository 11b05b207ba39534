"""Denominators: registered patients in an indicator's age band, on the right list-size date.

A year's denominator is the registered population on the last list-size date on or before 31 March at
the year's end (unless a `Denominator` row is published with the register). List sizes come in
five-year bands (0-4 … 80-84, 85+); an age band that starts inside one (17+ inside 15-19) takes the
share of it from that age on, as if ages were spread evenly within the band (3 of 5 years for 17+), and
the total is rounded once, to the nearest whole patient (halves up).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from cymuned.periods import FinancialYear

AGE_BANDS: tuple[str, ...] = (*(f"{low}-{low + 4}" for low in range(0, 85, 5)), "85+")
SEXES = ("male", "female")


def band_of(text: str) -> str | None:
    """The standard spelling of an age band ("0 to 4", "0-4 years", "85 and over" → "0-4", "85+"), or
    None when it is not one of the five-year bands."""
    cleaned = text.strip().lower().replace("years", "").replace("–", "-").replace(" to ", "-")
    cleaned = re.sub(r"\s*(and over|plus|\+)\s*$", "+", cleaned)
    cleaned = re.sub(r"\s+", "", cleaned)
    return cleaned if cleaned in AGE_BANDS else None


def _limits(band: str) -> tuple[int, int | None]:
    if band.endswith("+"):
        return int(band[:-1]), None
    low, high = band.split("-")
    return int(low), int(high)


_LIMITS = {band: _limits(band) for band in AGE_BANDS}


def population_aged(bands: Mapping[str, int], min_age: int = 0) -> int:
    """Patients aged `min_age` or over from counts by age band (both sexes added beforehand)."""
    whole = 0
    part = Fraction(0)
    for band, patients in bands.items():
        low, high = _LIMITS.get(band) or _limits(band)
        if low >= min_age or high is None:
            whole += patients  # the open band 85+ holds nobody below 85; a min_age above 85 is not a band
        elif high >= min_age:
            part += Fraction(patients * (high - min_age + 1), high - low + 1)
    return whole + int(part + Fraction(1, 2)) if part else whole


@dataclass(frozen=True)
class AgeSplit:
    """How patients aged `min_age` or over are read from five-year bands, so that a database can add
    them up: the bands counted whole, and the one band counted in part (with its share)."""

    min_age: int
    whole: tuple[str, ...]
    part: str | None
    share: Fraction

    def patients(self, whole: int, part: int) -> int:
        """The total from the two sums, rounded once (halves up) — as `population_aged`."""
        top, bottom = part * self.share.numerator, self.share.denominator
        return whole + (2 * top + bottom) // (2 * bottom)  # top / bottom rounded, halves up


def age_split(min_age: int) -> AgeSplit:
    whole: list[str] = []
    part, share = None, Fraction(0)
    for band, (low, high) in _LIMITS.items():
        if low >= min_age or high is None:
            whole.append(band)
        elif high >= min_age:
            part, share = band, Fraction(high - min_age + 1, high - low + 1)
    return AgeSplit(min_age, tuple(whole), part, share)


def year_end(year: FinancialYear) -> date:
    return date(year.start_year + 1, 3, 31)


def list_size_date(dates: Iterable[date], year: FinancialYear) -> date | None:
    """The last list-size date on or before 31 March at the year's end."""
    end = year_end(year)
    return max((d for d in dates if d <= end), default=None)
