"""Properties of the pace of change (issue 12, items 8 and 9), checked against paths built here
independently: the cap is never exceeded, no step moves a cluster away from or past its target,
every year adds up to the total to the penny, and a target that some path within the cap reaches
is reached by ours."""

from decimal import Decimal as D
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cymuned.finance.allocation import largest_remainder, pace_of_change

PENNY = D("0.01")


def pennies(amount: D) -> int:
    return int(amount / PENNY)


def starting_points(previous: dict[str, int], target: dict[str, int], first: bool) -> dict[str, int]:
    """Step 1 of the rule, written out again: the change of the total shared in proportion to last
    year's allocations (a cluster with none starts at its target); after the first year the total
    does not change, so the starting point is last year's allocation."""
    if not first:
        return dict(previous)
    new = {c: target[c] for c in target if previous[c] == 0}
    rest = sum(target.values()) - sum(new.values())
    old = {c: previous[c] for c in target if c not in new}
    shares = {c: pennies(v) for c, v in largest_remainder(D(rest) * PENNY, old).items()} if old else {}
    return {**new, **shares}


@st.composite
def reachable_plans(draw):
    """Current allocations, a cap, years, and targets that a path built here reaches within the cap:
    each cluster is given a direction, and each year moves a random amount within its cap that way,
    the side moving more cut back until the money moving up equals the money moving down."""
    codes = draw(st.lists(st.sampled_from("ABCDEFGH"), min_size=2, max_size=6, unique=True))
    current = {c: draw(st.integers(1_000, 10**8)) for c in codes}
    cap = Fraction(draw(st.integers(1, 400)), 20)  # 0.05 % to 20 %, in steps of 0.05 %
    years = draw(st.integers(1, 5))
    scale = Fraction(draw(st.integers(80, 120)), 100)
    total = int(sum(current.values()) * scale)
    direction = {c: draw(st.sampled_from([-1, 0, 1])) for c in codes}
    values = {c: v for c, v in current.items()}
    for year in range(years):
        if year == 0:  # every cluster has a current allocation, so the total's change is shared by all
            start = {c: pennies(v) for c, v in largest_remainder(D(total) * PENNY, current).items()}
        else:
            start = dict(values)
        wish = {c: draw(st.integers(0, int(cap * start[c] / 100))) if direction[c] else 0 for c in codes}
        up = sum(wish[c] for c in codes if direction[c] > 0)
        down = sum(wish[c] for c in codes if direction[c] < 0)
        moved = min(up, down)
        for sign in (1, -1):
            left = moved
            for c in codes:
                if direction[c] == sign:
                    step = min(wish[c], left)
                    left -= step
                    wish[c] = step
        values = {c: start[c] + direction[c] * wish[c] for c in codes}
    target = {c: D(v) * PENNY for c, v in values.items()}
    return {c: D(v) * PENNY for c, v in current.items()}, target, years, D(cap.numerator) / D(cap.denominator)


def check_path(current, target, years, cap, paths):
    goal = {c: pennies(v) for c, v in target.items()}
    previous = {c: pennies(v) for c, v in current.items()}
    total = sum(goal.values())
    for year in range(years):
        start = starting_points(previous, goal, first=year == 0)
        amounts = {c: pennies(paths[c][year]) for c in goal}
        assert sum(amounts.values()) == total, f"year {year + 1} does not add up to the total"
        for c in goal:
            step = amounts[c] - start[c]
            assert abs(step) <= Fraction(cap) * start[c] / 100, f"{c} moves more than the cap in year {year + 1}"
            assert step * (goal[c] - start[c]) >= 0, f"{c} moves away from its target in year {year + 1}"
            assert abs(goal[c] - amounts[c]) <= abs(goal[c] - start[c]), f"{c} moves past its target"
        previous = amounts


@settings(max_examples=400, deadline=None)
@given(reachable_plans())
def test_every_target_some_path_reaches_within_the_cap_is_reached(case):
    current, target, years, cap = case
    paths = pace_of_change(current, target, years, cap)
    check_path(current, target, years, cap, paths)
    assert {c: p[-1] for c, p in paths.items()} == target


money = st.integers(0, 10**8).map(lambda p: D(p) * PENNY)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from("ABCDEFG"), st.tuples(money, st.integers(0, 1000)), min_size=1),
    money,
    st.integers(1, 6),
    st.decimals(0, 50, places=1),
)
def test_the_cap_is_kept_and_every_year_adds_up_for_any_targets(rows, total, years, cap):
    current = {c: amount for c, (amount, _w) in rows.items()}
    weights = {c: w for c, (_a, w) in rows.items()}
    if not any(weights.values()):
        weights = dict.fromkeys(weights, 1)
    target = largest_remainder(total, weights)
    paths = pace_of_change(current, target, years, cap)
    check_path(current, target, years, cap, paths)
