"""The quarter's monitoring summary: one object for the command, the API, the pages and the paper."""

from cymuned.finance.position import finance_summary
from cymuned.outcomes.queries import data_not_received
from cymuned.periods import Quarter
from cymuned.portfolio.queries import (
    FINISHED,
    FOR_REVIEW,
    clusters_in,
    flagged_rows,
    grid_cells,
    projects_in_states,
    scoped_projects,
)
from cymuned.portfolio.summary import counts, flagged


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
    not_received = data_not_received(str(quarter), projects)
    summary = counts(str(quarter), grid_cells(str(quarter), projects))
    summary["flagged"] = flagged(flagged_rows(str(quarter), projects, not_received))
    summary["finished"] = projects_in_states(projects, FINISHED)
    summary["for_review"] = projects_in_states(projects, FOR_REVIEW)
    chosen = clusters
    if health_board:
        in_board = set(clusters_in(health_board, quarter.end).values_list("code", flat=True))
        chosen = sorted(in_board & set(clusters)) if clusters else sorted(in_board)
    summary["finance"] = finance_summary(quarter.year, chosen, visible)
    return summary
