"""Guardrails: a domain below its minimum expectation for the programme year is flagged.

Seed 000 asks for "minimum expectations for each stage of maturity" over an initial three-year
programme. A framework says, per domain, the lowest stage expected in programme year 1, 2, 3…;
the programme year of a cycle counts from the framework's first cycle (the first cycle is year 1).
A year past the last one the framework states keeps the last year's expectation.

The stage judged is the consensus stage; where the group has not yet agreed one, the median of the
raters' stages stands in (and the page says so).
"""

from collections.abc import Mapping


def programme_year(first_cycle_start: int, cycle_start: int) -> int | None:
    """1 for the framework's first cycle (start years such as 2026 for 2026-27); None before it."""
    year = cycle_start - first_cycle_start + 1
    return year if year >= 1 else None


def minimum_expected(minimums: Mapping[int, int], year: int | None) -> int | None:
    """The minimum stage for the programme year: the latest year stated at or before it."""
    if year is None:
        return None
    stated = [y for y in minimums if y <= year]
    return minimums[max(stated)] if stated else None


def judged_stage(consensus: int | None, median: int | float | None) -> int | float | None:
    return consensus if consensus is not None else median


def below_minimum(stage: int | float | None, minimum: int | None) -> bool:
    """Below the minimum expectation; nothing to judge (no stage, no expectation) is not below."""
    return stage is not None and minimum is not None and stage < minimum
