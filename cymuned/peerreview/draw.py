"""The draw for the national peer review (seed 003): for each health board, one unit chosen uniformly
at random; a reviewing board for each; two Primary Care Model for Wales (PCMW) outcomes and one
Accelerated Cluster Development (ACD) outcome for each.

Everything random comes from one `random.Random(seed)` consumed in a fixed order over inputs put in a
fixed order (boards, units and outcomes sorted by code), so the same seed and the same organisation
give the same draw, whoever runs it and in whatever order the database returns rows:

1. **Units**: boards in code order; for each, `choice` among its units in code order (each unit of the
   board equally likely). A board with no units draws none.
2. **Reviewing boards**: the boards are shuffled into a circle and each is reviewed by the next one
   round it. With three boards or more nobody reviews itself and no two boards review each other;
   with two the pair must review each other (unavoidable); a board alone has no reviewer.
3. **Outcomes**: per board in code order, two PCMW outcomes sampled from those it did not have in the
   previous cycle and one ACD likewise; only when too few are left are previous ones used again.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PCMW_PER_BOARD = 2
ACD_PER_BOARD = 1


@dataclass(frozen=True)
class DrawLine:
    health_board: str
    unit: str | None
    reviewing_board: str | None
    outcomes: tuple[str, ...]


def reviewers(boards: Sequence[str], rng: random.Random) -> dict[str, str | None]:
    """Each board's reviewer: the next board round a shuffled circle."""
    circle = sorted(boards)
    rng.shuffle(circle)
    if len(circle) < 2:
        return {board: None for board in circle}
    return {board: circle[(i + 1) % len(circle)] for i, board in enumerate(circle)}


def _natural(code: str) -> tuple[str, int, str]:
    """PCMW-2 before PCMW-10."""
    prefix, _dash, number = code.rpartition("-")
    return (prefix, int(number), code) if number.isdigit() else (code, 0, code)


def _pick(options: Sequence[str], avoid: set[str], how_many: int, rng: random.Random) -> list[str]:
    fresh = sorted(set(options) - avoid)
    if len(fresh) >= how_many:
        return sorted(rng.sample(fresh, how_many), key=_natural)
    again = sorted(set(options) & avoid)
    return sorted([*fresh, *rng.sample(again, min(how_many - len(fresh), len(again)))], key=_natural)


def draw(
    units_by_board: Mapping[str, Sequence[str]],
    pcmw: Sequence[str],
    acd: Sequence[str],
    previous: Mapping[str, Sequence[str]],
    seed: int,
) -> list[DrawLine]:
    """The whole draw, one line per board in code order."""
    rng = random.Random(seed)
    boards = sorted(units_by_board)
    chosen = {board: rng.choice(sorted(units_by_board[board])) if units_by_board[board] else None for board in boards}
    reviewing = reviewers(boards, rng)
    lines = []
    for board in boards:
        before = set(previous.get(board, ()))
        outcomes = _pick(pcmw, before, PCMW_PER_BOARD, rng) + _pick(acd, before, ACD_PER_BOARD, rng)
        lines.append(DrawLine(board, chosen[board], reviewing[board], tuple(outcomes)))
    return lines


def as_json(cycle: str, seed: int, lines: Sequence[DrawLine]) -> dict:
    """The contract of `cymuned peer-review draw --format json`."""
    return {
        "cycle": cycle,
        "seed": seed,
        "draws": [
            {
                "health_board": line.health_board,
                "unit": line.unit,
                "reviewing_board": line.reviewing_board,
                "outcomes": list(line.outcomes),
            }
            for line in lines
        ],
    }
