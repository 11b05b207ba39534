"""Rolling staff in post up to clusters, neighbourhoods and boards."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.workforce.rollup import Figure, apportion, per_10000, roll_up, sessions_to_fte


def test_practice_figures_roll_up_exactly():
    shares = {"W1": {"AG": 6000}, "W2": {"AG": 4000}}
    table = roll_up([Figure("W1", "gp", 3, Decimal("2.50")), Figure("W2", "gp", 2, Decimal("1.75"))], shares)
    cell = table["AG"]["gp"]
    assert (cell.headcount, cell.fte, cell.estimated) == (5, Decimal("4.25"), False)


def test_a_split_clusters_figure_is_divided_by_registered_patients():
    # AG's pharmacist (1.00 FTE) with 6,000 patients going to IN-LL and 4,000 to IN-TT:
    # 1.00 × 6,000 / 10,000 = 0.60 and 0.40, each an estimate.
    table = roll_up([Figure("AG", "pharmacist", 1, Decimal("1.00"))], {"AG": {"IN-LL": 6000, "IN-TT": 4000}})
    assert table["IN-LL"]["pharmacist"].fte == Decimal("0.60")
    assert table["IN-TT"]["pharmacist"].fte == Decimal("0.40")
    assert table["IN-LL"]["pharmacist"].estimated and table["IN-TT"]["pharmacist"].estimated
    # one whole person goes to the larger share
    assert (table["IN-LL"]["pharmacist"].headcount, table["IN-TT"]["pharmacist"].headcount) == (1, 0)


def test_apportion_by_largest_remainder():
    # 1.00 in thirds: 0.33 each, the one hundredth left goes to the earliest key
    assert apportion(Decimal("1.00"), {"A": 1, "B": 1, "C": 1}, Decimal("0.01")) == {
        "A": Decimal("0.34"),
        "B": Decimal("0.33"),
        "C": Decimal("0.33"),
    }
    with pytest.raises(ValueError):
        apportion(Decimal(1), {"A": 0}, Decimal("0.01"))


@given(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.dictionaries(st.text("ABCDEFG", min_size=1, max_size=3), st.integers(1, 200_000), min_size=1, max_size=6),
)
def test_parts_always_add_up_to_the_figure(amount, weights):
    parts = apportion(amount, weights, Decimal("0.01"))
    assert sum(parts.values()) == amount and all(p >= 0 for p in parts.values())


def test_per_10000_patients():
    assert per_10000(Decimal("12.50"), 25_000) == Decimal("5.00")  # 12.5 × 10,000 / 25,000
    assert per_10000(Decimal("1"), 30_000) == Decimal("0.33")  # 0.333… to the hundredth
    assert per_10000(Decimal("1"), 0) is None


def test_sessions_as_fte():
    assert sessions_to_fte(Decimal(2)) == Decimal("0.22")  # a Cluster Lead: 2 ÷ 9 = 0.222…
    assert sessions_to_fte(Decimal(6)) == Decimal("0.67")  # a Clinical Director: 6 ÷ 9 = 0.666…
    assert sessions_to_fte(Decimal(9)) == Decimal("1.00")
