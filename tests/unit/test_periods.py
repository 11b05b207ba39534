from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned import periods
from cymuned.periods import FinancialYear, Quarter


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2025, 4, 1), "2025-26-Q1"),
        (date(2025, 6, 30), "2025-26-Q1"),
        (date(2025, 7, 1), "2025-26-Q2"),
        (date(2025, 12, 31), "2025-26-Q3"),
        (date(2026, 1, 1), "2025-26-Q4"),
        (date(2026, 3, 31), "2025-26-Q4"),
        (date(1999, 12, 31), "1999-00-Q3"),
    ],
)
def test_quarter_containing_a_day(day, period):
    assert str(Quarter.containing(day)) == period


def test_quarter_edges_and_months():
    q4 = Quarter.parse("2024-25-Q4")
    assert (q4.start, q4.end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert list(q4.months) == [10, 11, 12]
    assert str(q4.next()) == "2025-26-Q1"
    assert str(Quarter.parse("2025-26-Q1").previous()) == "2024-25-Q4"


def test_financial_month_one_is_april():
    year = FinancialYear.parse("2024-25")
    assert year.month_start(1) == date(2024, 4, 1)
    assert year.month_start(9) == date(2024, 12, 1)
    assert year.month_start(12) == date(2025, 3, 1)
    with pytest.raises(ValueError):
        year.month_start(13)


@pytest.mark.parametrize("text", ["2025-27", "2025/26", "2025-26-Q5", "25-26-Q1", "", "2025-26-q1 x"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValueError):
        Quarter.parse(text) if "Q" in text or "q" in text else FinancialYear.parse(text)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_every_day_lies_in_its_quarter(day):
    quarter = Quarter.containing(day)
    assert quarter.start <= day <= quarter.end
    assert Quarter.parse(str(quarter)) == quarter
    assert quarter.previous() < quarter < quarter.next()
    assert quarter.next().start == quarter.end.fromordinal(quarter.end.toordinal() + 1)


@given(st.integers(1950, 2150), st.integers(1, 4), st.integers(1950, 2150), st.integers(1, 4))
def test_period_text_sorts_like_time(y1, q1, y2, q2):
    a, b = Quarter(FinancialYear(y1), q1), Quarter(FinancialYear(y2), q2)
    assert (a < b) == (str(a) < str(b))


def test_local_date_is_the_day_in_wales():
    """Issue 12 item 13. BST (UTC+1) ran from 30 March to 26 October 2025 (the Summer Time Act 1972 rule:
    last Sundays of March and October); GMT otherwise."""
    from datetime import UTC, datetime

    from cymuned.periods import local_date

    assert local_date(datetime(2025, 4, 30, 23, 30, tzinfo=UTC)) == date(2025, 5, 1)
    assert local_date(datetime(2025, 10, 26, 23, 30, tzinfo=UTC)) == date(2025, 10, 26)  # GMT again
    assert local_date(datetime(2025, 3, 29, 23, 30, tzinfo=UTC)) == date(2025, 3, 29)  # still GMT
    assert local_date(datetime(2025, 7, 1, 0, 30)) == date(2025, 7, 1)  # naive: already local


# --- Periods in words (issue 13, item 2) -------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "english", "welsh"),
    [
        # The issue's own examples.
        ("2024-25-Q4", "2024-25 Quarter 4 (January to March 2025)", "Chwarter 4 2024-25 (Ionawr i Fawrth 2025)"),
        # Soft mutation after "i": Mehefin → Fehefin, Medi → Fedi, Rhagfyr → Ragfyr.
        ("2025-26-Q1", "2025-26 Quarter 1 (April to June 2025)", "Chwarter 1 2025-26 (Ebrill i Fehefin 2025)"),
        ("2025-26-Q2", "2025-26 Quarter 2 (July to September 2025)", "Chwarter 2 2025-26 (Gorffennaf i Fedi 2025)"),
        ("2025-26-Q3", "2025-26 Quarter 3 (October to December 2025)", "Chwarter 3 2025-26 (Hydref i Ragfyr 2025)"),
    ],
)
def test_a_quarter_in_words_in_both_languages(code, english, welsh):
    assert periods.in_words(code, "en", full=True) == english
    assert periods.in_words(code, "cy", full=True) == welsh
    assert periods.in_words(code, "en") == english.split(" (")[0]
    assert periods.in_words(code, "cy") == welsh.split(" (")[0]


def test_a_month_reads_as_its_name_and_anything_else_is_left_alone():
    assert periods.in_words("2025-01", "en") == "January 2025"
    assert periods.in_words("2025-01", "cy") == "Ionawr 2025"
    assert periods.in_words("2025-26", "en") == "2025-26"  # a financial year, not a month
    assert periods.in_words("2025-13", "cy") == "2025-13"
    assert periods.in_words("not a period", "cy") == "not a period"


@given(st.integers(min_value=periods.FIRST_YEAR, max_value=periods.LAST_YEAR - 1), st.integers(1, 4))
def test_every_quarter_reads_as_three_months_of_one_calendar_year(start_year, number):
    quarter = periods.Quarter(periods.FinancialYear(start_year), number)
    english = periods.quarter_months(quarter, "en")
    first, _to, last, year = english.split(" ")
    assert first == periods.MONTH_NAMES["en"][quarter.start.month - 1]
    assert last == periods.MONTH_NAMES["en"][quarter.end.month - 1]
    assert int(year) == quarter.end.year == quarter.start.year
    assert " i " in periods.quarter_months(quarter, "cy")
