"""Release candidates: money in the current portfolio that a funding round could use instead.

A project is a candidate when its last two returns are each red or worsening (it has been in
trouble for two quarters), or when it is due to end: its end date falls on or before the last day of
the round's first financial year. Finished, stopped and mainstreamed projects are not candidates.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ENDED_STATES = frozenset({"finished", "stopped", "mainstreamed"})
TROUBLE_STATUS = "red"
TROUBLE_TREND = "worsening"


@dataclass(frozen=True)
class Standing:
    """A project as the rule sees it: its last returns (oldest first) as (status, trend)."""

    code: str
    annual_budget: Decimal
    state: str
    end_date: date | None
    last_returns: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Candidate:
    code: str
    annual_budget: Decimal
    why: str  # "red or worsening for two quarters" / "due to end" (both joined by "; ")


RED_OR_WORSENING = "red or worsening for two quarters"
DUE_TO_END = "due to end"


def in_trouble(last_returns: Sequence[tuple[str, str]]) -> bool:
    recent = list(last_returns)[-2:]
    return len(recent) == 2 and all(status == TROUBLE_STATUS or trend == TROUBLE_TREND for status, trend in recent)


def release_candidates(projects: Sequence[Standing], round_year_end: date) -> list[Candidate]:
    found = []
    for project in sorted(projects, key=lambda p: p.code):
        if project.state in ENDED_STATES:
            continue
        reasons = []
        if in_trouble(project.last_returns):
            reasons.append(RED_OR_WORSENING)
        if project.end_date is not None and project.end_date <= round_year_end:
            reasons.append(DUE_TO_END)
        if reasons:
            found.append(Candidate(project.code, project.annual_budget, "; ".join(reasons)))
    return found
