from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.finance.allocation import (
    Basis,
    allocate,
    decile_from_rank,
    largest_remainder,
    pace_of_change,
)
from cymuned.finance.position import regroup


def test_largest_remainder_by_hand():
    assert largest_remainder(D("100.00"), {"A": 1, "B": 1, "C": 1}) == {
        "A": D("33.34"),
        "B": D("33.33"),
        "C": D("33.33"),
    }
    assert largest_remainder(D("10"), {"A": 3, "B": 1}) == {"A": D("7.50"), "B": D("2.50")}
    with pytest.raises(ValueError):
        largest_remainder(D("10"), {"A": 0})


def test_deprivation_weighting_by_hand():
    # A: 100 patients in decile 1 (weight 1.5) = 150; B: 100 in decile 10 (weight 0.6) = 60
    shares = allocate(D("210"), Basis.DEPRIVATION, {"A": 100, "B": 100}, {"A": {1: 100}, "B": {10: 100}})
    assert shares == {"A": D("150.00"), "B": D("60.00")}
    blend = allocate(D("210"), Basis.BLEND, {"A": 100, "B": 100}, {"A": {1: 100}, "B": {10: 100}}, D("0.5"))
    assert blend == {"A": D("127.50"), "B": D("82.50")}  # half of 150/105 each way


def test_decile_from_rank():
    assert [decile_from_rank(r) for r in (1, 190, 191, 1909)] == [1, 1, 2, 10]


def test_pace_of_change_by_hand():
    paths = pace_of_change({"A": D(100), "B": D(100)}, {"A": D(120), "B": D(80)}, years=2, cap_pct=D(5))
    # year 2: B may fall only 5 % of 95 = 4.75, so A can rise only 4.75 for the year to balance
    assert paths == {"A": (D("105.00"), D("109.75")), "B": (D("95.00"), D("90.25"))}
    free = pace_of_change({"A": D(100), "B": D(100)}, {"A": D(120), "B": D(80)}, years=2, cap_pct=D(100))
    assert free["A"][-1] == D("120.00")


def test_regroup_reconciles_a_split_cluster():
    amounts = {"AG": D("100.01"), "LL": D("50.00")}
    split = {"AG": {"IN-LL": 2, "IN-TT": 1}, "LL": {"IN-LL": 1}}
    result = regroup(amounts, split)
    assert result == {"IN-LL": D("116.67"), "IN-TT": D("33.34")}
    assert sum(result.values()) == sum(amounts.values())


populations = st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(1, 200_000), min_size=1)
totals = st.decimals(min_value=0, max_value=10**8, places=2)


@given(totals, populations)
def test_shares_add_up_to_the_penny_and_are_never_negative(total, population):
    shares = allocate(total, Basis.POPULATION, population)
    assert sum(shares.values()) == total
    assert all(v >= 0 for v in shares.values())


@given(totals, populations, st.integers(1, 50))
def test_scaling_every_population_changes_nothing(total, population, factor):
    assert allocate(total, Basis.POPULATION, population) == allocate(
        total, Basis.POPULATION, {k: v * factor for k, v in population.items()}
    )


@given(totals, populations, st.decimals(0, 1, places=2))
def test_blend_adds_up(total, population, weight):
    deciles = {k: {(v % 10) + 1: v} for k, v in population.items()}
    assert sum(allocate(total, Basis.BLEND, population, deciles, weight).values()) == total


@given(
    st.dictionaries(st.sampled_from("ABCDE"), st.integers(1000, 10**6), min_size=2),
    st.integers(1, 5),
    st.decimals(1, 20, places=0),
)
def test_pace_of_change_sums_each_year_and_keeps_the_cap(current_pounds, years, cap):
    current = {k: D(v) for k, v in current_pounds.items()}
    total = sum(current.values())
    target = largest_remainder(total, {k: i + 1 for i, k in enumerate(sorted(current))})
    paths = pace_of_change(current, target, years, cap)
    previous = current
    for year in range(years):
        amounts = {k: paths[k][year] for k in current}
        assert sum(amounts.values()) == total
        for k in current:
            assert abs(amounts[k] - previous[k]) <= previous[k] * cap / 100 + D("0.05")
        previous = amounts


def test_forecast_outturn_runs_the_average_on_to_month_twelve():
    from cymuned.finance.position import forecast_outturn

    assert forecast_outturn(D("600.00"), 6) == D("1200.00")
    assert forecast_outturn(D("100.00"), 0) == D("100.00")
    assert forecast_outturn(D("100.00"), 12) == D("100.00")
