"""Completeness of the self-reflection by health board: of the units that take part in a cycle (as the
draw counts them, on the first day of the cycle), how many have completed all five parts."""

from dataclasses import dataclass

from django.db.models import QuerySet

from cymuned.maturity.models import Consensus, Domain
from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear

from .drawing import OUTCOMES_FRAMEWORK, units_by_board
from .models import SelfReflection


@dataclass(frozen=True)
class BoardCompletion:
    board: OrgUnit
    units: int
    complete: int
    started: int

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.units) if self.units else 0


PARTS = 5


def parts_done(rated: dict[str, int], totals: dict[str, int], texts: tuple[str, str, str]) -> int:
    """How many of the five parts are done: every PCMW outcome agreed, every ACD outcome agreed, and
    facilitators, barriers and priorities named."""
    groups = sum(1 for group in ("PCMW", "ACD") if totals.get(group, 0) > 0 and rated.get(group, 0) >= totals[group])
    return groups + sum(1 for text in texts if text.strip())


def completion_by_board(cycle: FinancialYear, visible: QuerySet[OrgUnit]) -> list[BoardCompletion]:
    units = units_by_board(cycle.start)
    boards = {b.code: b for b in visible.filter(code__in=units)}
    codes = {code for board in boards for code in units[board]}
    seen_codes = set(visible.filter(code__in=codes).values_list("code", flat=True))
    totals: dict[str, int] = {}
    for group in Domain.objects.filter(framework__code=OUTCOMES_FRAMEWORK).values_list("group", flat=True).order_by():
        totals[group] = totals.get(group, 0) + 1
    versions = Domain.objects.filter(framework__code=OUTCOMES_FRAMEWORK).values("framework").distinct().count()
    totals = {group: n // max(versions, 1) for group, n in totals.items()}
    rated: dict[str, dict[str, int]] = {}
    for code, group in Consensus.objects.filter(
        assessment__cycle=str(cycle),
        assessment__framework__code=OUTCOMES_FRAMEWORK,
        assessment__unit__code__in=seen_codes,
    ).values_list("assessment__unit__code", "domain__group"):
        rated.setdefault(code, {}).setdefault(group, 0)
        rated[code][group] += 1
    reflections = {
        r.unit.code: r
        for r in SelfReflection.objects.filter(cycle=str(cycle), unit__code__in=seen_codes).select_related("unit")
    }
    rows = []
    for code, board in sorted(boards.items()):
        listed = [u for u in units[code] if u in seen_codes]
        complete = started = 0
        for unit in listed:
            reflection = reflections.get(unit)
            if reflection is None and not rated.get(unit):
                continue
            started += 1
            texts = (
                (reflection.facilitators, reflection.barriers, reflection.priorities) if reflection else ("", "", "")
            )
            done = parts_done(rated.get(unit, {}), totals, texts)
            if done == PARTS and reflection is not None and reflection.completed_at is not None:
                complete += 1
        rows.append(BoardCompletion(board, len(listed), complete, started))
    return rows
