"""Making and recording a draw: gathers the units of each health board on the draw date, the outcomes
and the previous cycle's allocations, calls the rule (`draw.py`) and records the result."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from cymuned.maturity.models import Domain, Framework
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import FinancialYear

from .draw import DrawLine as Line
from .draw import draw
from .models import Draw, DrawLine

DATA = Path(__file__).parent / "data"
OUTCOMES_FRAMEWORK = "pcmw-acd-outcomes"
REGIONS: dict[str, dict[str, str]] = {
    k: v for k, v in json.loads((DATA / "regions.json").read_text(encoding="utf-8")).items() if not k.startswith("_")
}


class DrawRefused(ValueError):
    pass


def units_by_board(on: date) -> dict[str, list[str]]:
    """Each health board's clusters existing on the date; a board whose neighbourhoods exist then
    draws among its neighbourhoods instead (they are what its clusters became)."""
    boards = {b.pk: b.code for b in OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).existing_on(on)}
    found: dict[str, dict[str, list[str]]] = {
        code: {Kind.CLUSTER: [], Kind.NEIGHBOURHOOD: []} for code in boards.values()
    }
    links = (
        Membership.objects.on(on)
        .filter(parent_id__in=boards, child__kind__in=(Kind.CLUSTER, Kind.NEIGHBOURHOOD))
        .filter(child__in=OrgUnit.objects.existing_on(on))
        .values_list("parent_id", "child__kind", "child__code")
    )
    for board, kind, code in links:
        found[boards[board]][kind].append(code)
    return {board: sorted(set(kinds[Kind.NEIGHBOURHOOD] or kinds[Kind.CLUSTER])) for board, kinds in found.items()}


def outcome_codes() -> tuple[list[str], list[str]]:
    framework = Framework.objects.filter(code=OUTCOMES_FRAMEWORK).order_by("-version").first()
    if framework is None:
        raise DrawRefused("the PCMW and ACD outcomes are not loaded: run `cymuned load-framework`")
    domains = list(Domain.objects.filter(framework=framework).values_list("code", "group"))
    return [c for c, g in domains if g == "PCMW"], [c for c, g in domains if g == "ACD"]


def current_draw(cycle: str) -> Draw | None:
    return Draw.objects.filter(cycle=cycle, replaced_by__isnull=True).order_by("-drawn_at", "-pk").first()


def previous_allocations(cycle: FinancialYear) -> dict[str, list[str]]:
    before = current_draw(str(FinancialYear(cycle.start_year - 1)))
    if before is None:
        return {}
    return {code: outcomes for code, outcomes in before.lines.values_list("health_board__code", "outcomes")}


def make(cycle: FinancialYear, seed: int, on: date) -> list[Line]:
    pcmw, acd = outcome_codes()
    return draw(units_by_board(on), pcmw, acd, previous_allocations(cycle), seed)


@transaction.atomic
def record(
    cycle: FinancialYear, seed: int | None, on: date, lines: list[Line], user=None, who: str = "", reason: str = ""
) -> Draw:
    """Record a draw; a draw for a cycle that has one already needs a reason and replaces it."""
    existing = Draw.objects.select_for_update().filter(cycle=str(cycle), replaced_by__isnull=True).first()
    if existing is not None and not reason.strip():
        raise DrawRefused(f"{cycle} has been drawn already; a re-draw needs a reason (--reason)")
    made = Draw.objects.create(
        cycle=str(cycle),
        seed=seed,
        drawn_on=on,
        drawn_by=user,
        drawn_by_name=who or (user.get_username() if user is not None else ""),
        reason=reason.strip(),
    )
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in={c for line in lines for c in (line.health_board, line.unit, line.reviewing_board) if c}
        )
    }
    DrawLine.objects.bulk_create(
        DrawLine(
            draw=made,
            health_board=units[line.health_board],
            unit=units.get(line.unit) if line.unit else None,
            reviewing_board=units.get(line.reviewing_board) if line.reviewing_board else None,
            outcomes=list(line.outcomes),
        )
        for line in lines
    )
    if existing is not None:
        existing.replaced_by = made
        existing.save(update_fields=["replaced_by"])
    return made


def load_appendix_b() -> Draw | None:
    """Seed 003's appendix B as the 2022-23 allocation (no seed: published, not drawn). Safe to run again."""
    data = json.loads((DATA / "appendix-b-2022-23.json").read_text(encoding="utf-8"))
    if Draw.objects.filter(cycle=data["cycle"]).exists():
        return None
    boards = {b.code: b for b in OrgUnit.objects.filter(code__in=data["allocations"], kind=Kind.HEALTH_BOARD)}
    if len(boards) != len(data["allocations"]):
        return None
    lines = [Line(code, None, None, tuple(outcomes)) for code, outcomes in sorted(data["allocations"].items())]
    return record(
        FinancialYear.parse(data["cycle"]),
        None,
        FinancialYear.parse(data["cycle"]).start,
        lines,
        who="appendix B",
        reason="",
    )
