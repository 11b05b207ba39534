"""The proposal rules (cymuned/proposals/ranking.py, release.py): the worked example of the module's
docstring, by hand, and properties the issue asks for."""

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cymuned.proposals.ranking import (
    Criterion,
    Proposal,
    criterion_score,
    fund,
    hurdle_passed,
    needs_consensus,
    rank,
    round_half_up,
    score,
)
from cymuned.proposals.release import DUE_TO_END, RED_OR_WORSENING, Standing, release_candidates

CRITERIA = [
    Criterion("H", "hurdle"),
    Criterion("C1", "scored", D(2)),
    Criterion("C2", "scored", D(1)),
]
A = Proposal("A", D(10000), {"H": [True, True, False], "C1": [4, 5, 3], "C2": [3, 3, 3]})
B = Proposal("B", D(5000), {"H": [True, False], "C1": [5, 5], "C2": [1, 1]})
C = Proposal("C", D(0), {"H": [True, True, True], "C1": [2, 2, 2], "C2": [5, 5, 5]})


def test_hurdle_majority_and_consensus():
    assert hurdle_passed([True, True, False])  # 2 of 3
    assert not hurdle_passed([True, False])  # a tie fails
    assert not hurdle_passed([])  # nobody assessed it
    assert hurdle_passed([False, False], consensus=True)  # the consensus decides
    assert not hurdle_passed([True, True], consensus=False)


def test_criterion_score_is_consensus_else_mean():
    assert criterion_score([4, 5, 3]) == 4
    assert criterion_score([1, 2]) == Fraction(3, 2)
    assert criterion_score([1, 5], consensus=3) == 3
    assert criterion_score([]) == 0


def test_worked_example_scores_by_hand():
    # 20 × (2×4 + 1×3) ÷ 3 = 73.333… → 73.33; B 20 × 11/3 the same; C 20 × 9/3 = 60
    assert score(CRITERIA, A) == D("73.33")
    assert score(CRITERIA, B) == D("73.33")
    assert score(CRITERIA, C) == D("60.00")


def test_worked_example_ranking_sensitivity_and_budget():
    ranking = rank(CRITERIA, [A, B, C], budget=D(10000), sensitivity_pct=D(50))
    rows = {r.code: r for r in ranking.proposals}
    assert [r.code for r in ranking.proposals] == ["B", "A", "C"]  # B and A tie; B costs less
    assert rows["B"].failed_hurdles == ("H",) and not rows["B"].passes_hurdles
    # by hand in the module docstring: A ranks 1–2, B 1–3, C 1–3
    assert (rows["A"].rank_best, rows["A"].rank_worst) == (1, 2)
    assert (rows["B"].rank_best, rows["B"].rank_worst) == (1, 3)
    assert (rows["C"].rank_best, rows["C"].rank_worst) == (1, 3)
    assert all(r.sensitive for r in ranking.proposals)
    # C costs nothing (first), A fits the £10,000 exactly; B fails the hurdle
    assert {r.code for r in ranking.proposals if r.funded} == {"A", "C"}
    assert ranking.funded_total == D(10000) and ranking.remaining == D(0)
    assert rows["A"].score_per_1000 == D("7.33")  # 73.33 ÷ 10
    assert rows["C"].score_per_1000 is None


def test_no_sensitivity_and_no_budget():
    ranking = rank(CRITERIA, [A, C], sensitivity_pct=D(0))
    assert not any(r.sensitive or r.funded for r in ranking.proposals)
    assert ranking.remaining is None and ranking.funded_total == 0


def test_a_proposal_that_does_not_fit_is_skipped_and_the_next_considered():
    # X 80 for £8,000 (10 per £1,000), Y 90 for £6,000 (15), Z 30 for £1,000 (30): Z, Y, then X does not fit
    funded, total, left = fund([("X", D(80), D(8000)), ("Y", D(90), D(6000)), ("Z", D(30), D(1000))], D(10000))
    assert funded == {"Y", "Z"} and total == D(7000) and left == D(3000)


def test_ties_in_value_for_money_go_to_higher_score_then_code():
    # P 50 for £5,000 and Q 40 for £4,000 both give 10 per £1,000: P (higher score) first, then nothing fits
    funded, _total, _left = fund([("Q", D(40), D(4000)), ("P", D(50), D(5000))], D(6000))
    assert funded == {"P"}
    funded, _total, _left = fund([("S", D(40), D(4000)), ("R", D(40), D(4000))], D(5000))
    assert funded == {"R"}


def test_round_half_up():
    assert round_half_up(Fraction(1, 200)) == D("0.01")  # 0.005 → 0.01
    assert round_half_up(Fraction(200, 3)) == D("66.67")


def test_needs_consensus():
    assert needs_consensus("scored", [1, 3])
    assert not needs_consensus("scored", [2, 3, 3])
    assert needs_consensus("hurdle", [True, False])
    assert not needs_consensus("hurdle", [True, True])


def test_release_candidates():
    year_end = date(2027, 3, 31)
    projects = [
        Standing("P1", D(1000), "active", None, [("green", "stable"), ("red", "worsening"), ("amber", "worsening")]),
        Standing("P2", D(2000), "active", date(2027, 3, 31), [("green", "stable")]),
        Standing("P3", D(3000), "active", date(2028, 3, 31), [("red", ""), ("green", "improving")]),
        Standing("P4", D(4000), "finished", date(2026, 3, 31), [("red", ""), ("red", "")]),
        Standing("P5", D(5000), "active", date(2026, 9, 30), [("red", ""), ("red", "stable")]),
    ]
    found = {c.code: c.why for c in release_candidates(projects, year_end)}
    assert found == {"P1": RED_OR_WORSENING, "P2": DUE_TO_END, "P5": f"{RED_OR_WORSENING}; {DUE_TO_END}"}


# -- properties --------------------------------------------------------------------------------
N_SCORED = 3
scores_ = st.lists(st.integers(0, 5), min_size=1, max_size=4)
proposal_ = st.builds(
    lambda code, cost, hurdle, scored: Proposal(
        code, D(cost), {"H": hurdle, **{f"S{i}": s for i, s in enumerate(scored)}}
    ),
    st.just(""),
    st.integers(0, 50_000),
    st.lists(st.booleans(), min_size=0, max_size=4),
    st.lists(scores_, min_size=N_SCORED, max_size=N_SCORED),
)
weights_ = st.lists(st.integers(0, 10), min_size=N_SCORED, max_size=N_SCORED)
proposals_ = st.lists(proposal_, min_size=1, max_size=6).map(
    lambda ps: [Proposal(f"P{i}", p.first_year_cost, p.assessments) for i, p in enumerate(ps)]
)


def _criteria(weights, factor=D(1)):
    return [Criterion("H", "hurdle"), *(Criterion(f"S{i}", "scored", D(w) * factor) for i, w in enumerate(weights))]


def _positions(ranking):
    return {r.code: (r.rank, r.rank_best, r.rank_worst, r.score, r.funded) for r in ranking.proposals}


@settings(max_examples=150, deadline=None)
@given(proposals_, weights_, st.sampled_from([D("0.5"), D(3), D("7.25")]), st.integers(0, 100_000))
def test_scaling_all_weights_changes_nothing(proposals, weights, factor, budget):
    before = rank(_criteria(weights), proposals, D(budget))
    after = rank(_criteria(weights, factor), proposals, D(budget))
    assert _positions(before) == _positions(after)


@settings(max_examples=150, deadline=None)
@given(proposals_, weights_, st.data())
def test_raising_one_proposals_scores_never_lowers_its_rank(proposals, weights, data):
    target = data.draw(st.integers(0, len(proposals) - 1))
    criterion = data.draw(st.integers(0, N_SCORED - 1))
    before = {r.code: r.rank for r in rank(_criteria(weights), proposals).proposals}
    p = proposals[target]
    raised_values = [min(5, v + 1) for v in p.assessments[f"S{criterion}"]]
    raised = Proposal(p.code, p.first_year_cost, {**p.assessments, f"S{criterion}": raised_values})
    after = {
        r.code: r.rank
        for r in rank(_criteria(weights), [*proposals[:target], raised, *proposals[target + 1 :]]).proposals
    }
    assert after[p.code] <= before[p.code]


@settings(max_examples=200, deadline=None)
@given(proposals_, weights_, st.integers(0, 100_000))
def test_funded_total_never_exceeds_the_budget(proposals, weights, budget):
    ranking = rank(_criteria(weights), proposals, D(budget))
    funded = [r for r in ranking.proposals if r.funded]
    assert ranking.funded_total == sum((r.first_year_cost for r in funded), D(0)) <= D(budget)
    assert ranking.remaining == D(budget) - ranking.funded_total
    assert all(r.passes_hurdles for r in funded)
    # every passing proposal left out would not have fitted in what remained
    assert all(r.first_year_cost > ranking.remaining for r in ranking.proposals if r.passes_hurdles and not r.funded)
