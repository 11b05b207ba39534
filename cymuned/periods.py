"""Financial years and quarters as NHS Wales writes them: `2025-26`, `2025-26-Q2`.

The financial year runs April to March; Q1 is April–June and Q4 is January–March. Month 1 is April.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import total_ordering
from zoneinfo import ZoneInfo

# NHS Wales works to the clock on the wall in Wales: GMT in winter, BST in summer.
LOCAL_ZONE = ZoneInfo("Europe/London")

_YEAR = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER = re.compile(r"^([0-9]{4})-([0-9]{2})-Q([1-4])$")
# Years whose every date exists (a year 0 or one ending in 10000 has none).
FIRST_YEAR, LAST_YEAR = 1900, 2998


@total_ordering
@dataclass(frozen=True)
class FinancialYear:
    start_year: int  # 2025 for 2025-26

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        match = _YEAR.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a financial year like 2025-26")
        start, end = int(match[1]), int(match[2])
        if (start + 1) % 100 != end:
            raise ValueError(f"{text!r} is not a financial year: {end:02d} does not follow {start}")
        if not FIRST_YEAR <= start <= LAST_YEAR:
            raise ValueError(f"{text!r} is not a financial year between {FIRST_YEAR} and {LAST_YEAR}")
        return cls(start)

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __lt__(self, other: "FinancialYear") -> bool:
        return self.start_year < other.start_year

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        """The last day of the year (31 March)."""
        return date(self.start_year + 1, 3, 31)

    def month_start(self, month: int) -> date:
        """The first day of financial month `month` (1 = April … 12 = March)."""
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is not between 1 and 12")
        calendar_month = (month + 2) % 12 + 1
        return date(self.start_year + (1 if calendar_month < 4 else 0), calendar_month, 1)

    def quarters(self) -> list["Quarter"]:
        return [Quarter(self, q) for q in range(1, 5)]


@total_ordering
@dataclass(frozen=True)
class Quarter:
    year: FinancialYear
    number: int  # 1..4

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        match = _QUARTER.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a period like 2025-26-Q2")
        year = FinancialYear.parse(f"{match[1]}-{match[2]}")
        return cls(year, int(match[3]))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        year = FinancialYear.containing(day)
        month = (day.month - 4) % 12 + 1
        return cls(year, (month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def __lt__(self, other: "Quarter") -> bool:
        return (self.year.start_year, self.number) < (other.year.start_year, other.number)

    @property
    def start(self) -> date:
        return self.year.month_start(3 * self.number - 2)

    @property
    def end(self) -> date:
        """The last day of the quarter."""
        return self.next().start - timedelta(days=1)

    @property
    def months(self) -> range:
        """Financial months (1 = April) in this quarter."""
        return range(3 * self.number - 2, 3 * self.number + 1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(FinancialYear(self.year.start_year + 1), 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(FinancialYear(self.year.start_year - 1), 4)
        return Quarter(self.year, self.number - 1)


# --- Periods in words (issue 13): codes stay in URLs and files; people read words. -----------------

MONTH_NAMES = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "cy": [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ],
}
SHORT_MONTH_NAMES = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "cy": ["Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"],
}
# Welsh soft mutation after "i" (to): Ionawr i Fawrth, Ebrill i Fehefin, Hydref i Ragfyr.
_SOFT_MUTATION = [
    ("Rh", "R"),
    ("Ll", "L"),
    ("M", "F"),
    ("G", ""),
    ("T", "D"),
    ("B", "F"),
    ("C", "G"),
    ("P", "B"),
    ("D", "Dd"),
]
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def _language(language: str) -> str:
    return "cy" if language.lower().startswith("cy") else "en"


def _soft(word: str) -> str:
    if word.startswith("Ch"):  # Chwefror: "ch" does not mutate
        return word
    for radical, mutated in _SOFT_MUTATION:
        if word.startswith(radical):
            rest = word[len(radical) :]
            return (mutated + rest) if mutated else rest[:1].upper() + rest[1:]
    return word


def month_name(month: int, language: str, short: bool = False) -> str:
    """A calendar month (1 = January) in words."""
    names = (SHORT_MONTH_NAMES if short else MONTH_NAMES)[_language(language)]
    return names[month - 1]


def quarter_months(quarter: Quarter, language: str) -> str:
    """ "January to March 2025" / "Ionawr i Fawrth 2025" (a quarter never crosses a calendar year)."""
    lang = _language(language)
    first, last = quarter.start, quarter.end
    if lang == "cy":
        return f"{month_name(first.month, 'cy')} i {_soft(month_name(last.month, 'cy'))} {last.year}"
    return f"{month_name(first.month, 'en')} to {month_name(last.month, 'en')} {last.year}"


def quarter_name(quarter: Quarter, language: str) -> str:
    """ "2024-25 Quarter 4" / "Chwarter 4 2024-25"."""
    if _language(language) == "cy":
        return f"Chwarter {quarter.number} {quarter.year}"
    return f"{quarter.year} Quarter {quarter.number}"


def in_words(text: str, language: str, full: bool = False) -> str:
    """A period code as people read it: a quarter `2024-25-Q4` as "2024-25 Quarter 4" (with `full`,
    "2024-25 Quarter 4 (January to March 2025)"), a month `2025-01` as "January 2025"; a financial year
    and anything else unchanged, so a page never fails on an odd value."""
    value = str(text).strip()
    try:
        quarter = Quarter.parse(value)
    except ValueError:
        month = _MONTH.match(value)
        if month and 1 <= int(month[2]) <= 12 and (int(month[1]) + 1) % 100 != int(month[2]):
            return f"{month_name(int(month[2]), language)} {int(month[1])}"
        return value
    named = quarter_name(quarter, language)
    return f"{named} ({quarter_months(quarter, language)})" if full else named


def local_date(moment: datetime | None = None) -> date:
    """The date in Wales (Europe/London) at a moment, or today without one: the one rule for turning
    a time into a date. 00:30 BST on 1 May is 1 May, though it is still 30 April in UTC. A naive time
    is taken to be local already."""
    if moment is None:
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LOCAL_ZONE).date()
