"""The quarter's monitoring summary: one object for the command, the API, the pages and the paper.

The portfolio assembles it. Capabilities built on the portfolio add their part without the portfolio
importing them: each registers it once when Django starts (finance adds its `finance` section, outcomes
the projects whose outcome data has not arrived; see their `apps.py`).
"""

from collections.abc import Callable

from django.db.models import QuerySet

from cymuned.periods import Quarter

from .models import Project
from .queries import (
    FINISHED,
    FOR_REVIEW,
    clusters_in,
    flagged_rows,
    grid_cells,
    projects_in_states,
    scoped_projects,
)
from .summary import counts, flagged

# Codes of the projects to flag whatever their status, for a quarter and the projects in scope.
NotReceived = Callable[[Quarter, QuerySet[Project]], set[str]]
# A section of the summary, for a quarter, the chosen cluster codes (None: all) and the visible units.
Section = Callable[[Quarter, list[str] | None, set[int] | None], object]

_not_received: dict[str, NotReceived] = {}
_sections: dict[str, Section] = {}


def add_not_received(name: str, source: NotReceived) -> None:
    _not_received[name] = source


def add_section(key: str, build: Section) -> None:
    _sections[key] = build


def monitoring_summary(
    period: str,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
) -> dict:
    """`visible` limits the summary to the units a person may see (None: everything)."""
    quarter = Quarter.parse(period)
    projects = scoped_projects(clusters, health_board, visible, on=quarter.end)
    # The counts come from one aggregate query; only the flagged projects are read one by one.
    not_received: set[str] = set()
    for source in _not_received.values():
        not_received |= source(quarter, projects)
    summary = counts(str(quarter), grid_cells(str(quarter), projects))
    summary["flagged"] = flagged(flagged_rows(str(quarter), projects, not_received))
    summary["finished"] = projects_in_states(projects, FINISHED)
    summary["for_review"] = projects_in_states(projects, FOR_REVIEW)
    chosen = clusters
    if health_board:
        in_board = set(clusters_in(health_board, quarter.end).values_list("code", flat=True))
        chosen = sorted(in_board & set(clusters)) if clusters else sorted(in_board)
    for key, build in _sections.items():
        summary[key] = build(quarter, chosen, visible)
    return summary
