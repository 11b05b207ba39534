"""The quarter's monitoring summary: one object for the command, the API, the pages and the paper."""

from cymuned.finance.position import finance_summary
from cymuned.outcomes.queries import data_not_received
from cymuned.periods import Quarter
from cymuned.portfolio.queries import (
    FINISHED,
    FOR_REVIEW,
    clusters_in,
    coverage,
    flagged_returns,
    flagged_rows,
    grid_cells,
    projects_in_states,
    scoped_projects,
)
from cymuned.portfolio.summary import MonitoringSummary, counts, flagged


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
    not_received = data_not_received(str(quarter), projects)
    chosen = clusters
    if health_board:
        in_board = set(clusters_in(health_board, quarter.end).values_list("code", flat=True))
        chosen = sorted(in_board & set(clusters)) if clusters else sorted(in_board)
    rows = flagged_rows(str(quarter), projects, not_received, flagged_window)
    return MonitoringSummary(
        counts=counts(str(quarter), grid_cells(str(quarter), projects)),
        flagged=tuple(flagged(rows)),
        flagged_total=None if flagged_window is None else flagged_returns(str(quarter), projects, not_received).count(),
        coverage=coverage(quarter, projects),
        finished=tuple(projects_in_states(projects, FINISHED)),
        for_review=tuple(projects_in_states(projects, FOR_REVIEW)),
        finance=tuple(finance_summary(quarter.year, chosen, visible)),
    )


def monitoring_summary(
    period: str,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
) -> dict:
    """The complete summary in its JSON form (every flagged project), as the command prints it and
    the paper is written from."""
    return quarter_summary(period, clusters, health_board, visible).as_dict()
