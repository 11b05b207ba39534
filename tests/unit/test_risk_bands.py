"""The 5 × 5 risk matrix (NHS risk matrix: 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cymuned.risks.bands import (
    BANDS,
    band_of,
    heat_map,
    is_overdue,
    likelihood_consequence_for,
    paper_line,
    score,
    scores_in,
)

levels = st.integers(min_value=1, max_value=5)


@pytest.mark.parametrize(
    ("likelihood", "consequence", "band"),
    [
        (1, 3, "low"),  # 3: top of low
        (2, 2, "moderate"),  # 4: bottom of moderate
        (2, 3, "moderate"),  # 6: top of moderate (seed 000: "… (6)")
        (2, 4, "high"),  # 8: bottom of high (seed 000: 1937 "… (8)")
        (3, 4, "high"),  # 12: top of high
        (3, 5, "extreme"),  # 15: bottom of extreme
        (5, 5, "extreme"),  # 25
    ],
)
def test_band_edges(likelihood, consequence, band):
    assert band_of(score(likelihood, consequence)).key == band


@given(levels, levels)
def test_every_cell_of_the_matrix_has_exactly_one_band(likelihood, consequence):
    value = score(likelihood, consequence)
    assert [b.key for b in BANDS if b.lowest <= value <= b.highest] == [band_of(value).key]


@pytest.mark.parametrize("value", [0, 7, 11, 13, 14, 26])
def test_numbers_that_are_no_score_are_refused(value):
    with pytest.raises(ValueError):
        band_of(value)


@pytest.mark.parametrize("value", [0, 6])
def test_levels_off_the_scale_are_refused(value):
    with pytest.raises(ValueError):
        score(value, 3)


def test_scores_in_a_band():
    by_key = {b.key: b for b in BANDS}
    assert scores_in(by_key["high"]) == [8, 9, 10, 12]  # 11 is no product of two numbers 1–5
    assert scores_in(by_key["low"]) == [1, 2, 3]


@given(st.sampled_from(sorted({lk * c for lk in range(1, 6) for c in range(1, 6)})))
def test_an_assumed_pair_gives_the_published_score(value):
    likelihood, consequence = likelihood_consequence_for(value)
    assert score(likelihood, consequence) == value and likelihood <= consequence


def test_assumed_pairs_of_the_seed_scores():
    assert likelihood_consequence_for(8) == (2, 4)  # seed 000: eight risks scored 8
    assert likelihood_consequence_for(6) == (2, 3)  # and sixteen scored 6
    with pytest.raises(ValueError):
        likelihood_consequence_for(7)


def test_heat_map_counts_every_cell():
    cells = heat_map([(2, 4), (2, 4), (2, 3)])
    assert len(cells) == 25 and cells["2x4"] == 2 and cells["2x3"] == 1 and sum(cells.values()) == 3


def test_review_is_overdue_only_after_its_day():
    assert not is_overdue(date(2026, 11, 23), date(2026, 11, 23))
    assert is_overdue(date(2026, 11, 22), date(2026, 11, 23))
    assert not is_overdue(None, date(2026, 11, 23))


def test_the_paper_cites_a_risk_as_the_seed_does():
    # seed 000, Objectives table: "1937 – Risk of Enforcement Notice being served … (8)"
    assert paper_line("1937", "Risk of Enforcement Notice", 8) == "1937 – Risk of Enforcement Notice (8)"
    # seed 000 cites one risk without a Datix ID: by its title alone
    assert paper_line("NO-DATIX-1", "Risk of not achieving savings targets", 6, datix_id=False) == (
        "Risk of not achieving savings targets (6)"
    )
