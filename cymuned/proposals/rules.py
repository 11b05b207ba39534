"""The proposal workflow and what a proposal must hold (plain rules, no database).

- From 2026-27 new investment must target hypertension, diabetes or asthma, unless an exception is
  recorded with its reason; every proposal needs an exit strategy.
- A proposal moves draft → submitted → assessed → decided (approved, rejected or deferred, with the
  meeting date and minute reference). A deferred proposal may be decided again; an approved one
  becomes a project in one step.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

PRIORITY_FROM = "2026-27"
PRIORITY_CONDITIONS = ("hypertension", "diabetes", "asthma")

NEXT: dict[str, tuple[str, ...]] = {
    "draft": ("submitted",),
    "submitted": ("assessed",),
    "assessed": ("decided",),
    "decided": ("decided",),  # a deferred proposal is decided again
}


def needs_priority(first_year: str) -> bool:
    """Years are written 2026-27, so they compare as text."""
    return bool(first_year) and first_year >= PRIORITY_FROM


def submission_problems(
    first_year: str, priority_condition: str, exception: str, exit_strategy: str, additional: bool
) -> list[str]:
    """What stops a draft being submitted (keys of the fields at fault)."""
    problems = []
    if needs_priority(first_year) and priority_condition not in PRIORITY_CONDITIONS and not exception.strip():
        problems.append("priority_condition")
    if not exit_strategy.strip():
        problems.append("exit_strategy")
    if needs_priority(first_year) and not additional:
        problems.append("additional_to_contract")
    return problems


def may_move(state: str, to: str, decision: str = "") -> bool:
    if state == "decided" and to == "decided":
        return decision == "deferred"
    return to in NEXT.get(state, ())


def project_budget(costs: Sequence[tuple[str, Decimal]], first_year: str) -> Decimal:
    """The project's annual budget: its cost in the first financial year."""
    return sum((amount for year, amount in costs if year == first_year), Decimal("0.00"))


def project_dates(first_year_start: date, years: int) -> tuple[date, date]:
    """From 1 April of the first year to 31 March after the last year costed."""
    return first_year_start, date(first_year_start.year + max(1, years), 3, 31)


def need_indicator_codes(text: str, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """The indicator codes a `;`-separated list names, matched to the known codes ignoring case and in
    their order without repeats; and the codes it names that are not known."""
    by_fold = {code.casefold(): code for code in known}
    found: list[str] = []
    unknown: list[str] = []
    for part in text.split(";"):
        name = part.strip()
        if not name:
            continue
        code = by_fold.get(name.casefold())
        if code is None:
            unknown.append(name)
        elif code not in found:
            found.append(code)
    return found, unknown
