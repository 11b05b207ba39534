"""Needs-weighted allocation (issue 16 item 7): the age-weighted population and its blend with
deprivation. Figures are hand calculations shown beside each assertion."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.finance.allocation import age_weighted_population, largest_remainder, needs_blend

WEIGHTS = {"0-4": Decimal("1.2"), "85+": Decimal("3.0"), "40-44": Decimal("1.0")}


def test_age_weighted_population_worked_example():
    # 1,000 × 1.2 + 500 × 3.0 = 2,700; 1,300 × 1.0 = 1,300
    found = age_weighted_population({"AG": {"0-4": 1000, "85+": 500}, "LL": {"40-44": 1300}}, WEIGHTS)
    assert found == {"AG": Fraction(2700), "LL": Fraction(1300)}


def test_a_band_without_a_weight_is_refused():
    with pytest.raises(ValueError, match="no weight is given for the age band 90+"):
        age_weighted_population({"AG": {"90+": 10}}, WEIGHTS)


def test_needs_blend_worked_example_and_shares_of_a_total():
    # shares of age-weighted population 2,700/4,000 = 0.675, 0.325; of deprivation 1,000/4,000 = 0.25, 0.75;
    # half and half: (0.675 + 0.25) / 2 = 0.4625 and (0.325 + 0.75) / 2 = 0.5375
    blend = needs_blend({"AG": Fraction(2700), "LL": Fraction(1300)}, {"AG": 1000, "LL": 3000}, Decimal("0.5"))
    assert blend == {"AG": Fraction("0.4625"), "LL": Fraction("0.5375")}
    # £1,000,000 divided by those weights: £462,500.00 and £537,500.00
    assert largest_remainder(Decimal(1_000_000), blend) == {"AG": Decimal("462500.00"), "LL": Decimal("537500.00")}
    # weight 0 is the age-weighted population alone, weight 1 deprivation alone
    assert needs_blend({"AG": Fraction(2700), "LL": Fraction(1300)}, {"AG": 1, "LL": 3}, Decimal(0))["AG"] == Fraction(
        27, 40
    )
    with pytest.raises(ValueError, match="between 0 and 1"):
        needs_blend({"AG": Fraction(1)}, {"AG": 1}, Decimal("1.5"))


@given(
    st.dictionaries(st.sampled_from(["AG", "LL", "TT"]), st.integers(min_value=1, max_value=10**6), min_size=1),
    st.dictionaries(st.sampled_from(["AG", "LL", "TT"]), st.integers(min_value=1, max_value=10**6), min_size=1),
    st.decimals(min_value=0, max_value=1, places=2),
)
def test_blend_weights_sum_to_one(age, deprived, weight):
    blend = needs_blend({c: Fraction(n) for c, n in age.items()}, {c: deprived.get(c, 1) for c in age}, weight)
    assert sum(blend.values()) == 1
