"""Issue 10, item 9: one reader for what arrives in query strings and form fields (cymuned.edges)."""

import datetime as dt
from decimal import Decimal

import pytest

from cymuned import edges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        (" 3.0 ", 3),
        ("inf", None),
        ("nan", None),
        ("-inf", None),
        ("1e999999999", None),
        ("2.5", None),
        ("", None),
        (None, None),
        ("abc", None),
        ("9" * 200, None),
    ],
)
def test_whole_numbers_at_the_edge(text, expected):
    assert edges.whole_number(text) == expected


def test_edge_readers_clamp_and_default():
    assert edges.finite_decimal("12.345", places=2) == Decimal("12.34")  # banker’s rounding, as Decimal does
    assert edges.finite_decimal("2", minimum=Decimal(0), maximum=Decimal(1)) == Decimal(1)
    assert edges.finite_decimal("1e999999", Decimal(7)) == Decimal(7)
    assert edges.whole_number("50", 3, minimum=1, maximum=10) == 10
    assert edges.identifier("12") == 12 and edges.identifier("1e5") is None and edges.identifier("-1") is None
    assert edges.quarter("2025-26-Q2") is not None and edges.quarter("9999-00-Q1") is None
    assert edges.financial_year("0000-01") is None
    assert edges.iso_date("2025-04-01") == dt.date(2025, 4, 1) and edges.iso_date("2025-4-1") is None
    assert edges.whole_numbers("1,x,3") == [1, 3]
