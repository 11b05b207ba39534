"""The quarter's monitoring summary: one object for the command, the API, the pages and the paper.

The portfolio assembles it. Capabilities built on the portfolio add their part without the portfolio
importing them: each registers it once when Django starts (finance adds its `finance` section, outcomes
the projects whose outcome data has not arrived; see their `apps.py`).
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from cymuned.periods import Quarter

from .models import MonitoringReturn, Project
from .queries import (
    FINISHED,
    FOR_REVIEW,
    Late,
    clusters_in,
    coverage,
    flagged_page,
    grid_cells,
    has_return,
    projects_in_states,
    scoped_projects,
)
from .summary import ListedProject, MonitoringSummary, counts, flagged

# The projects to flag whatever their status in a quarter, of every project: a queryset of their ids
# (`.values("project_id")`), which the summary's queries use as a subquery on returns already limited
# to the summary's scope. (Scoped again inside, the subquery planned the scope's semi-join once more in
# each place it is used: a board's summary 140 → 117 ms on the national bench data set.)
NotReceived = Callable[[Quarter], QuerySet]
# A section of the summary, for a quarter, the chosen cluster codes (None: all) and the visible units.
Section = Callable[[Quarter, list[str] | None, set[int] | None], object]

_not_received: dict[str, NotReceived] = {}
_sections: dict[str, Section] = {}


def finished_in(quarter: Quarter) -> Q:
    """Finished or stopped projects the quarter's paper lists (grey): those whose end date falls in
    the quarter, and those ending in the next one (the paper says "project ending May 2025", as the
    Q4 2024/25 paper of seed 002 does); one without an end date is listed at its last return (it
    has one for the quarter and none for a later one)."""
    ends = Q(end_date__gte=quarter.start, end_date__lte=quarter.next().end)
    later = MonitoringReturn.objects.filter(project=OuterRef("pk"), period__gt=str(quarter))
    undated = Q(end_date__isnull=True) & has_return(quarter) & ~Exists(later)
    return Q(state__in=FINISHED) & (ends | undated)


def for_review_in(quarter: Quarter) -> Q:
    """Projects under review by the Value and Sustainability Group (yellow) that run in the quarter:
    started by its end and not ended before it began."""
    running = Q(start_date__lte=quarter.end) & (Q(end_date__isnull=True) | Q(end_date__gte=quarter.start))
    return Q(state__in=FOR_REVIEW) & running


def finished_and_for_review(
    projects: QuerySet[Project], quarter: Quarter
) -> tuple[tuple[ListedProject, ...], tuple[ListedProject, ...]]:
    """The paper's grey and yellow lists, read in one query (a scan of the scope's projects each
    was a tenth of a board's summary on the national bench data set)."""
    listed = projects_in_states(projects.filter(finished_in(quarter) | for_review_in(quarter)), FINISHED + FOR_REVIEW)
    return (
        tuple(p for p in listed if p.state in FINISHED),
        tuple(p for p in listed if p.state in FOR_REVIEW),
    )


def add_not_received(name: str, source: NotReceived) -> None:
    _not_received[name] = source


def add_section(key: str, build: Section) -> None:
    _sections[key] = build


def quarter_summary(
    period: str | Quarter,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
    flagged_window: slice | None = None,
) -> MonitoringSummary:
    """`visible` limits the summary to the units a person may see (None: everything);
    `flagged_window` takes one page of the flagged projects (None: all of them)."""
    quarter = period if isinstance(period, Quarter) else Quarter.parse(period)
    projects = scoped_projects(clusters, health_board, visible, on=quarter.end)
    # The counts come from one aggregate query; only the flagged projects are read one by one.
    not_received = Late(tuple(source(quarter) for source in _not_received.values()))
    chosen = clusters
    if health_board:
        in_board = set(clusters_in(health_board, quarter.end).values_list("code", flat=True))
        chosen = sorted(in_board & set(clusters)) if clusters else sorted(in_board)
    rows, flagged_total = flagged_page(str(quarter), projects, not_received, flagged_window)
    cells = grid_cells(str(quarter), projects)
    finished, for_review = finished_and_for_review(projects, quarter)
    finance = _sections["finance"](quarter, chosen, visible) if "finance" in _sections else ()
    return MonitoringSummary(
        counts=counts(str(quarter), cells),
        flagged=tuple(flagged(rows)),
        flagged_total=None if flagged_window is None else flagged_total,
        # every return of the quarter has its cell (status "" included): the coverage's count
        coverage=coverage(quarter, projects, with_return=sum(cells.values())),
        finished=finished,
        for_review=for_review,
        finance=tuple(finance),  # type: ignore[arg-type]  # the section finance registers: rows of strings
    )


def monitoring_summary(
    period: str | Quarter,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
) -> dict[str, Any]:
    """The complete summary in its JSON form (every flagged project), as the command prints it and
    the paper is written from."""
    return quarter_summary(period, clusters, health_board, visible).as_dict()
