"""Ranking proposals against a round's criteria, weight sensitivity, and funding within a budget
(programme budgeting and marginal analysis). The rules, as the ranking page states them:

1. **Hurdles.** A proposal passes the hurdles when every hurdle criterion is `pass` in the panel's
   consensus; for a criterion with no consensus recorded, when a majority of its assessors marked it
   `pass` (a tie, or no assessor at all, fails).
2. **Score.** For each scored criterion take the consensus score if recorded, otherwise the mean of
   the assessors' scores (0 when nobody scored it). The proposal's score is 20 × the weighted mean of
   those criterion scores (Σ weight × score ÷ Σ weight), so it runs from 0 to 100, and is shown and
   compared rounded half up to two decimal places.
3. **Rank.** Every proposal is ranked by score, highest first, those failing a hurdle too; equal
   scores go to the lower first-year cost, then to the earlier code.
4. **Weight sensitivity.** Each scored criterion's weight in turn is moved up and then down by the
   sensitivity (e.g. 20 %: × 1.2 and × 0.8), the other weights unchanged, and every proposal ranked
   again. A proposal's best and worst rank are taken over the original ranking and all those runs; a
   proposal whose rank changes in any run is *sensitive to weights*.
5. **Budget.** Proposals passing the hurdles are taken in order of score per £1,000 of first-year
   cost (score ÷ (cost ÷ 1,000)), a proposal costing nothing first; equal values go to the higher
   score, then the earlier code. Each is funded if its first-year cost fits in what remains of the
   budget; one that does not fit is skipped and the next considered.

Worked example (the one in `tests/unit/test_proposals_ranking.py`, by hand). Two scored criteria,
`C1` weight 2 and `C2` weight 1, one hurdle `H`:

| proposal | H (assessors) | C1 (assessors) | C2 | cost |
| --- | --- | --- | --- | --- |
| A | pass, pass, fail | 4, 5, 3 → mean 4 | 3, 3, 3 → 3 | £10,000 |
| B | pass, fail | 5, 5 → 5 | 1, 1 → 1 | £5,000 |
| C | pass, pass, pass | 2, 2, 2 → 2 | 5, 5, 5 → 5 | £0 |

A: 20 × (2×4 + 1×3) ÷ 3 = 20 × 11/3 = 73.33; passes (2 of 3).
B: 20 × (2×5 + 1×1) ÷ 3 = 20 × 11/3 = 73.33; fails (1 of 2 is a tie).
C: 20 × (2×2 + 1×5) ÷ 3 = 20 × 9/3 = 60.00; passes.
Ranks: A and B tie at 73.33, B costs less → B 1, A 2, C 3.
Sensitivity 50 %: C1 × 1.5 = 3: A 20 × (12+3)/4 = 75, B 20 × 16/4 = 80, C 20 × 11/4 = 55 → B, A, C.
C1 × 0.5 = 1: A 20 × 5/1.5 = 66.67, B 20 × 3.5/1.5 = 46.67, C 20 × 6/1.5 = 80 → C, A, B.
C2 × 1.5: A 20 × 12.5/3.5 = 71.43, B 20 × 11.5/3.5 = 65.71, C 20 × 11.5/3.5
= 65.71 → A 1, C 2 (cheaper), B 3. C2 × 0.5: A 20 × 9.5/2.5 = 76, B 20 × 10.5/2.5 = 84, C 20 × 6.5/2.5
= 52 → B, A, C. So A ranks 1–2, B 1–3, C 1–3: all three are sensitive.
Budget £10,000: C first (costs nothing), then A (73.33 ÷ 10 = 7.33 per £1,000) fits exactly;
B fails the hurdle. Funded £10,000, remaining £0.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Literal

HURDLE: Literal["hurdle"] = "hurdle"
SCORED: Literal["scored"] = "scored"
MAX_SCORE = 5
SCALE = 20  # 20 × a 0–5 mean gives 0–100
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    code: str
    kind: Literal["hurdle", "scored"]
    weight: Decimal | None = None  # scored criteria only


@dataclass(frozen=True)
class Proposal:
    """What the rules need of a proposal: its assessors' values and the panel's consensus by
    criterion code. Hurdle values are booleans (pass), scored values integers 0–5."""

    code: str
    first_year_cost: Decimal
    assessments: Mapping[str, Sequence[bool | int]] = field(default_factory=dict)
    consensus: Mapping[str, bool | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    code: str
    passes_hurdles: bool
    failed_hurdles: tuple[str, ...]
    score: Decimal  # two places
    rank: int
    rank_best: int
    rank_worst: int
    sensitive: bool
    first_year_cost: Decimal
    score_per_1000: Decimal | None  # None when the proposal costs nothing
    funded: bool


@dataclass(frozen=True)
class Ranking:
    proposals: tuple[Ranked, ...]
    budget: Decimal | None
    funded_total: Decimal
    remaining: Decimal | None


def round_half_up(value: Fraction) -> Decimal:
    """A fraction rounded half up (away from zero for the non-negative values here) to two places."""
    hundredths = value * 100
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    if 2 * rest >= hundredths.denominator:
        whole += 1
    return (Decimal(whole) / 100).quantize(TWO_PLACES)


def hurdle_passed(values: Sequence[bool | int], consensus: bool | int | None = None) -> bool:
    """The consensus when recorded, else a strict majority of the assessors (a tie fails)."""
    if consensus is not None:
        return bool(consensus)
    passes = sum(1 for v in values if v)
    return 2 * passes > len(values)


def failed_hurdles(criteria: Sequence[Criterion], proposal: Proposal) -> tuple[str, ...]:
    return tuple(
        c.code
        for c in criteria
        if c.kind == HURDLE and not hurdle_passed(proposal.assessments.get(c.code, ()), proposal.consensus.get(c.code))
    )


def criterion_score(values: Sequence[bool | int], consensus: bool | int | None = None) -> Fraction:
    """The consensus when recorded, else the assessors' mean; 0 when nobody scored."""
    if consensus is not None:
        return Fraction(int(consensus))
    if not values:
        return Fraction(0)
    return Fraction(sum(int(v) for v in values), len(values))


def _weights(criteria: Sequence[Criterion]) -> dict[str, Fraction]:
    return {c.code: Fraction(c.weight or 0) for c in criteria if c.kind == SCORED}


def exact_score(weights: Mapping[str, Fraction], scores: Mapping[str, Fraction]) -> Fraction:
    total = sum(weights.values(), Fraction(0))
    if total <= 0:
        return Fraction(0)
    return SCALE * sum((w * scores[code] for code, w in weights.items()), Fraction(0)) / total


def score(criteria: Sequence[Criterion], proposal: Proposal) -> Decimal:
    """20 × the weighted mean of the criterion scores, to two places."""
    return round_half_up(exact_score(_weights(criteria), _criterion_scores(criteria, proposal)))


def _criterion_scores(criteria: Sequence[Criterion], proposal: Proposal) -> dict[str, Fraction]:
    return {
        c.code: criterion_score(proposal.assessments.get(c.code, ()), proposal.consensus.get(c.code))
        for c in criteria
        if c.kind == SCORED
    }


def rank_order(
    scores: Sequence[Decimal] | Sequence[int], costs: Sequence[Decimal] | Sequence[int], codes: Sequence[str]
) -> list[int]:
    """Rank (1 = first) of each position: score high first, then lower cost, then code."""
    order = sorted(range(len(codes)), key=lambda i: (-scores[i], costs[i], codes[i]))
    ranks = [0] * len(codes)
    for place, i in enumerate(order, start=1):
        ranks[i] = place
    return ranks


def weight_variations(criteria: Sequence[Criterion], sensitivity_pct: Decimal) -> list[dict[str, Fraction]]:
    """Each scored weight in turn moved up and down by the sensitivity, the others unchanged."""
    base = _weights(criteria)
    step = Fraction(sensitivity_pct) / 100
    runs: list[dict[str, Fraction]] = []
    if step == 0:
        return runs
    for code in base:
        for factor in (1 + step, 1 - step):
            moved = dict(base)
            moved[code] = max(Fraction(0), base[code] * factor)
            runs.append(moved)
    return runs


def score_per_1000(score_value: Decimal, cost: Decimal) -> Fraction | None:
    """Score ÷ (cost ÷ 1,000); None (first of all) for a proposal costing nothing."""
    if cost <= 0:
        return None
    return Fraction(score_value) * 1000 / Fraction(cost)


def fund(candidates: Sequence[tuple[str, Decimal, Decimal]], budget: Decimal) -> tuple[set[str], Decimal, Decimal]:
    """Candidates (code, score, first-year cost) in order of score per £1,000, a free one first
    (ties: higher score, then code); each funded if it fits in what remains. Returns the funded
    codes, the funded total and what remains."""

    def key(item: tuple[str, Decimal, Decimal]) -> tuple[int, Fraction, Decimal, str]:
        code, value, cost = item
        if cost <= 0:
            return (0, Fraction(0), -value, code)
        return (1, -Fraction(int(value * 100) * 10, int(cost * 100)), -value, code)

    funded: set[str] = set()
    remaining = budget
    for code, _value, cost in sorted(candidates, key=key):
        if cost <= remaining:
            funded.add(code)
            remaining -= cost
    return funded, budget - remaining, remaining


def _hundredths(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator rounded half up to a whole number (of hundredths)."""
    whole, rest = divmod(numerator, denominator)
    return whole + 1 if 2 * rest >= denominator else whole


def _integer_weights(weights: Mapping[str, Fraction], codes: Sequence[str]) -> list[int]:
    """The weights over one common denominator (which cancels in a weighted mean)."""
    common = lcm(*(weights[c].denominator for c in codes)) if codes else 1
    return [int(weights[c] * common) for c in codes]


def _scores_in_hundredths(weights: Sequence[int], scaled: Sequence[tuple[int, Sequence[int]]]) -> list[int]:
    """Each proposal's score × 100, rounded half up: exactly `round_half_up(exact_score(...))` in
    whole numbers. `scaled` holds per proposal (M, [N_c]) with criterion score N_c ÷ M."""
    total = sum(weights)
    if total <= 0:
        return [0] * len(scaled)
    return [
        _hundredths(100 * SCALE * sum(w * n for w, n in zip(weights, numerators, strict=True)), common * total)
        for common, numerators in scaled
    ]


def _scaled_scores(scored: Sequence[str], proposal: Proposal) -> tuple[int, list[int]]:
    """The proposal's criterion scores as numerators over one common denominator (the consensus,
    else the assessors' sum over their number, else 0)."""
    parts = []
    for code in scored:
        agreed = proposal.consensus.get(code)
        values = proposal.assessments.get(code, ())
        if agreed is not None:
            parts.append((int(agreed), 1))
        elif values:
            parts.append((sum(int(v) for v in values), len(values)))
        else:
            parts.append((0, 1))
    common = lcm(*(d for _n, d in parts)) if parts else 1
    return common, [n * (common // d) for n, d in parts]


def _fast_ranks(hundredths: Sequence[int], tiebreak: Sequence[int]) -> list[int]:
    """rank_order with the cost-and-code order precomputed: one whole-number key per proposal."""
    size = len(hundredths)
    order = sorted(range(size), key=lambda i: tiebreak[i] - hundredths[i] * size)
    ranks = [0] * size
    for place, i in enumerate(order, start=1):
        ranks[i] = place
    return ranks


def rank(
    criteria: Sequence[Criterion],
    proposals: Sequence[Proposal],
    budget: Decimal | None = None,
    sensitivity_pct: Decimal = Decimal(20),
) -> Ranking:
    """Every rule above, in one pass: the proposals in rank order. Scores are worked out in whole
    numbers (each criterion score over its proposal's common denominator), so hundreds of proposals
    ranked again for every weight moved take a fraction of a second."""
    codes = [p.code for p in proposals]
    costs = [p.first_year_cost for p in proposals]
    base = _weights(criteria)
    scored = list(base)
    scaled = [_scaled_scores(scored, p) for p in proposals]
    hundredths = _scores_in_hundredths(_integer_weights(base, scored), scaled)
    scores = [(Decimal(h) / 100).quantize(TWO_PLACES) for h in hundredths]
    # ties go to the lower cost, then the code: one fixed order, so each run sorts whole numbers
    tiebreak = [0] * len(codes)
    for place, i in enumerate(sorted(range(len(codes)), key=lambda i: (costs[i], codes[i]))):
        tiebreak[i] = place
    ranks = _fast_ranks(hundredths, tiebreak)
    best, worst = list(ranks), list(ranks)
    for weights in weight_variations(criteria, sensitivity_pct):
        varied = _fast_ranks(_scores_in_hundredths(_integer_weights(weights, scored), scaled), tiebreak)
        for i, r in enumerate(varied):
            if r < best[i]:
                best[i] = r
            elif r > worst[i]:
                worst[i] = r
    failed = [failed_hurdles(criteria, p) for p in proposals]
    funded: set[str] = set()
    funded_total, remaining = Decimal("0.00"), None
    if budget is not None:
        candidates = [(codes[i], scores[i], costs[i]) for i in range(len(proposals)) if not failed[i]]
        funded, funded_total, remaining = fund(candidates, budget)
    rows = []
    for i in sorted(range(len(proposals)), key=ranks.__getitem__):
        ratio = score_per_1000(scores[i], costs[i])
        rows.append(
            Ranked(
                code=codes[i],
                passes_hurdles=not failed[i],
                failed_hurdles=failed[i],
                score=scores[i],
                rank=ranks[i],
                rank_best=best[i],
                rank_worst=worst[i],
                sensitive=best[i] != worst[i],
                first_year_cost=costs[i],
                score_per_1000=None if ratio is None else round_half_up(ratio),
                funded=codes[i] in funded,
            )
        )
    return Ranking(tuple(rows), budget, funded_total, remaining)


def spread(values: Sequence[bool | int]) -> int:
    """Largest difference between two assessors' scores (0 with fewer than two)."""
    numbers = [int(v) for v in values]
    return max(numbers) - min(numbers) if len(numbers) > 1 else 0


CONSENSUS_SPREAD = 2  # assessors this many points apart need a consensus with a reason


def needs_consensus(kind: str, values: Sequence[bool | int]) -> bool:
    """Scored: assessors two or more points apart; hurdle: assessors disagree on pass/fail."""
    if kind == HURDLE:
        return len({bool(v) for v in values}) > 1
    return spread(values) >= CONSENSUS_SPREAD
