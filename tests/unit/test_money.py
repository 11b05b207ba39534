from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.money import format_gbp, parse_money


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("£20,000.50", "20000.50"),
        ("20000.5", "20000.50"),
        ("£ 1,234", "1234.00"),
        ("-£5", "-5.00"),
        ("(£5.00)", "-5.00"),
        (".5", "0.50"),
        (3.1, "3.10"),
        (7, "7.00"),
        (Decimal("0.01"), "0.01"),
    ],
)
def test_money_as_people_type_it(typed, value):
    assert parse_money(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["abc", "", "£", "1,00", "12.345", "1.2.3", "£20k", "NaN", "Infinity", True])
def test_not_money(typed):
    with pytest.raises(ValueError):
        parse_money(typed)


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2))
def test_formatted_money_reads_back(value):
    assert parse_money(format_gbp(value, pence=True).replace("−", "-")) == value
