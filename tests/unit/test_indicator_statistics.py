"""Wilson, Byar, exact Poisson and funnel limits against published worked values, the Fingertips
comparison, suppression, and the aggregation and denominator rules.

Sources named in each test:
- PHEindicatormethods (UKHSA's R package), tests/testthat/testdata_Byars_Wilson.xlsx and
  testdata_Rate.xlsx (commit 093fd28 of github.com/ukhsa-collaboration/PHEindicatormethods): the values
  its own tests check `byars_lower/upper`, `wilson_lower/upper` and `phe_rate` against;
- its tests/testthat/testdata_funnel_prop_outputs.csv: funnel limits around 80.642448 %.
"""

import math
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.indicators.definitions import CiMethod, DefinitionError, Unit, normalised, parse, shipped
from cymuned.indicators.denominators import AGE_BANDS, age_split, list_size_date, population_aged
from cymuned.indicators.figures import Basis, Counts, add, choose, compare, decimal_text, figure
from cymuned.periods import FinancialYear
from cymuned.statistics.comparison import Judgement, Polarity, Significance, judgement, significance, suppressed
from cymuned.statistics.proportions import byar, count_interval, funnel_limits, poisson_exact, rate_interval, wilson

REL = 1e-9


# PHEindicatormethods testdata_Byars_Wilson.xlsx, rows 1–6 (Byar's method: x, level, lower, upper)
@pytest.mark.parametrize(
    ("x", "level", "lower", "upper"),
    [
        (65, 0.95, 50.163187710459454, 82.849138545939837),
        (1045, 0.95, 982.59320180733255, 1110.3312129856499),
        (1, 0.95, 1.3072132901504351e-2, 5.5637555824752605),
        (65, 0.998, 42.880261471480203, 94.000290844318016),
        (1045, 0.998, 947.94070356103737, 1148.8061609880331),
        (10, 0.998, 2.916318374695686, 24.193724927880535),
    ],
)
def test_byar_matches_pheindicatormethods(x, level, lower, upper):
    found = byar(x, level)
    assert found.lower == pytest.approx(lower, rel=REL)
    assert found.upper == pytest.approx(upper, rel=REL)


# PHEindicatormethods testdata_Byars_Wilson.xlsx, rows 7–12 (Wilson score: x, n, level, lower, upper)
@pytest.mark.parametrize(
    ("x", "n", "level", "lower", "upper"),
    [
        (65, 100, 0.95, 0.55254443296887967, 0.73635751756902468),
        (1045, 5000, 0.95, 0.19795549880013297, 0.22049130373189027),
        (0.445, 1, 0.95, 4.3817447720588223e-2, 0.93346212769791559),
        (65, 100, 0.998, 0.49549465740704313, 0.77835406140896968),
        (1045, 5000, 0.998, 0.19179381799015244, 0.22731562902525818),
        (0.445, 1, 0.998, 1.9347006132900975e-2, 0.97022599470195414),
    ],
)
def test_wilson_matches_pheindicatormethods(x, n, level, lower, upper):
    found = wilson(x, n, level)
    assert found.lower == pytest.approx(lower, rel=1e-8)
    assert found.upper == pytest.approx(upper, rel=1e-8)


# PHEindicatormethods testdata_Rate.xlsx, sheet 1, rows Area1–Area3 per 100 (method "Exact" below 10, "Byars" from 10)
@pytest.mark.parametrize(
    ("x", "n", "l95", "u95", "l998", "u998"),
    [
        (1, 100, 2.5317807984289897e-2, 5.571643390938898, 1.0005003335835344e-3, 9.2334134764515845),
        (5, 100, 1.62348639011842, 11.668332079322669, 0.739371731917839, 16.454745203680105),
        (20, 100, 12.211428834875937, 30.889880369197066, 8.922802365144193, 38.085035625041911),
        (222, 3215, 6.0265748776526751, 7.8757293708718503, 5.5607376952598537, 8.4610466817334107),
    ],
)
def test_rates_exact_below_ten_and_byar_from_ten_match_phe_rate(x, n, l95, u95, l998, u998):
    for level, low, high in ((0.95, l95, u95), (0.998, l998, u998)):
        found = rate_interval(x, n, 100, level)
        assert found.lower == pytest.approx(low, rel=1e-7)
        assert found.upper == pytest.approx(high, rel=1e-7)


def test_exact_poisson_of_zero_starts_at_zero():
    # qchisq(0.975, 2) / 2 = −ln(0.025) = 3.6888794541… (the chi-squared with 2 df is exponential)
    assert poisson_exact(0).lower == 0.0
    assert poisson_exact(0).upper == pytest.approx(-math.log(0.025), rel=1e-10)
    assert count_interval(9).lower == poisson_exact(9).lower
    assert count_interval(10).lower == byar(10).lower


# PHEindicatormethods testdata_funnel_prop_outputs.csv (Population, 95 % and 99.8 % limits, baseline 80.642448 %)
@pytest.mark.parametrize(
    ("n", "l95", "u95", "l998", "u998"),
    [
        (1, 3.204264, 100, 0, 100),
        (3, 35.933491, 100, 10.150815, 100),
        (99108, 80.396467, 80.888428, 80.254616, 81.03028),
        (110000, 80.408963, 80.875933, 80.274317, 81.010578),
    ],
)
def test_funnel_limits_match_pheindicatormethods(n, l95, u95, l998, u998):
    for level, low, high in ((0.95, l95, u95), (0.998, l998, u998)):
        found = funnel_limits(0.80642448, n, level)
        assert found.lower * 100 == pytest.approx(low, abs=1e-5)
        assert found.upper * 100 == pytest.approx(high, abs=1e-5)


# -- comparison, the Fingertips way: hand-made intervals round a comparator of 7.2 -------------------
@pytest.mark.parametrize(
    ("lower", "upper", "outcome", "high_good", "low_good"),
    [
        (7.8, 8.4, Significance.HIGHER, Judgement.BETTER, Judgement.WORSE),
        (6.1, 6.9, Significance.LOWER, Judgement.WORSE, Judgement.BETTER),
        (7.0, 7.5, Significance.SIMILAR, Judgement.SIMILAR, Judgement.SIMILAR),
        (7.2, 7.9, Significance.SIMILAR, Judgement.SIMILAR, Judgement.SIMILAR),  # a limit on the value is similar
    ],
)
def test_each_comparison_outcome(lower, upper, outcome, high_good, low_good):
    assert significance(lower, upper, 7.2) is outcome
    assert judgement(outcome, Polarity.HIGH_IS_GOOD) is high_good
    assert judgement(outcome, Polarity.LOW_IS_GOOD) is low_good
    assert judgement(outcome, Polarity.NEUTRAL) is None


def test_diabetes_worked_example_is_significantly_higher():
    # 5,088 of 65,147 (7.81 %), Wilson 95 % 7.61–8.02 (by the formula above), against a board's 7.20 %
    mine = figure(Counts(5088, 65147), Unit.PERCENT, CiMethod.WILSON)
    board = figure(Counts(7200, 100000), Unit.PERCENT, CiMethod.WILSON)
    assert (decimal_text(mine.value, Unit.PERCENT), decimal_text(mine.lower_95, Unit.PERCENT)) == ("7.81", "7.61")
    assert compare(mine, board, Polarity.NEUTRAL).significance is Significance.HIGHER


def test_a_count_below_five_is_withheld_and_not_compared():
    withheld = figure(Counts(4, 1200), Unit.PERCENT, CiMethod.WILSON)
    assert withheld.suppressed and withheld.value is None and withheld.numerator is None
    assert (
        compare(withheld, figure(Counts(50, 1000), Unit.PERCENT, CiMethod.WILSON), Polarity.NEUTRAL).significance
        is None
    )
    assert not figure(Counts(5, 1200), Unit.PERCENT, CiMethod.WILSON).suppressed
    assert suppressed(0) and suppressed(None, 4) and not suppressed(None, 5)


def test_sums_are_added_and_the_rate_recomputed_not_averaged():
    # practices 10/100 (10 %) and 90/300 (30 %): 100/400 = 25 %, not the 20 % mean of rates
    total = add([Counts(10, 100), Counts(90, 300), None])
    assert total == Counts(100, 400)
    assert figure(total, Unit.PERCENT, CiMethod.WILSON).value == 25.0
    assert choose(None, total) == (total, Basis.SUM_OF_PRACTICES)
    assert choose(Counts(1, 2), total) == (Counts(1, 2), Basis.PUBLISHED)
    assert add([None]) is None


def test_age_band_denominators_split_the_band_by_year_of_age():
    bands = {"10-14": 100, "15-19": 100, "20-24": 100, "85+": 10}
    # 17+: 3 of 5 years of 15-19 (60) + 100 + 10 = 170; 18+: 40 + 110 = 150; 0+: all 310
    assert population_aged(bands, 17) == 170
    assert population_aged(bands, 18) == 150
    assert population_aged(bands, 0) == 310
    assert population_aged({"15-19": 1}, 17) == 1  # 0.6 rounds to 1
    dates = [date(2024, 1, 1), date(2025, 3, 31), date(2025, 4, 1)]
    assert list_size_date(dates, FinancialYear(2024)) == date(2025, 3, 31)
    assert list_size_date(dates, FinancialYear(2022)) is None


def test_the_database_split_of_an_age_band_gives_the_same_patients():
    # hand calculation as above: 17+ counts 15-19 for 3/5 (60 of 100) and 20-24, 85+ whole
    split = age_split(17)
    assert split.part == "15-19" and split.share == Fraction(3, 5)
    assert "20-24" in split.whole and "85+" in split.whole and "10-14" not in split.whole
    assert split.patients(110, 100) == 170
    assert age_split(18).patients(110, 100) == 150
    assert age_split(17).patients(0, 1) == 1  # 0.6 rounds to 1
    assert age_split(0).part is None and age_split(0).patients(310, 0) == 310


@given(
    st.dictionaries(st.sampled_from(AGE_BANDS), st.integers(min_value=0, max_value=100_000), min_size=1),
    st.integers(min_value=0, max_value=90),
)
def test_age_split_agrees_with_population_aged(bands, min_age):
    split = age_split(min_age)
    whole = sum(n for band, n in bands.items() if band in split.whole)
    part = bands.get(split.part, 0) if split.part else 0
    assert split.patients(whole, part) == population_aged(bands, min_age)


def test_decimal_strings_by_unit():
    assert decimal_text(8.105, Unit.PERCENT) == "8.11"
    assert decimal_text(123.45, Unit.PER_100000) == "123.5"
    assert decimal_text(12138.0, Unit.COUNT) == "12138"


def test_shipped_definitions_hold_the_issue_ids():
    ids = [d.id for d in shipped()]
    for wanted in ("hypertension", "diabetes", "asthma", "copd", "dementia", "list-size", "most-deprived-fifth"):
        assert wanted in ids
    assert len(ids) == 20
    diabetes = next(d for d in shipped() if d.id == "diabetes")
    assert diabetes.min_age == 17 and normalised("Diabetes") in diabetes.names


def test_a_bad_definition_file_names_the_indicator():
    with pytest.raises(DefinitionError, match=r"x.json, indicator 1 \(Bad\)"):
        parse({"version": 1, "effective_from": "2024-04-01", "indicators": [{"id": "Bad"}]}, "x.json")


# -- properties --------------------------------------------------------------------------------------
@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_wilson_holds_the_proportion_and_the_998_holds_the_95(x, extra):
    n = x + extra
    i95, i998 = wilson(x, n, 0.95), wilson(x, n, 0.998)
    assert 0 <= i998.lower <= i95.lower <= x / n + 1e-12
    assert x / n - 1e-12 <= i95.upper <= i998.upper <= 1


@given(st.integers(0, 5_000))
def test_count_intervals_hold_the_count(x):
    for level in (0.95, 0.998):
        found = count_interval(x, level)
        assert 0 <= found.lower <= x <= found.upper


@given(st.floats(0.01, 0.99), st.integers(10, 1_000_000))
def test_funnel_limits_narrow_as_units_grow(p, n):
    small, large = funnel_limits(p, n, 0.95), funnel_limits(p, n * 4, 0.95)
    assert small.lower <= large.lower + 1e-12 and large.upper <= small.upper + 1e-12
