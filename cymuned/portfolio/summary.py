"""The quarter's summary of the monitoring report: counts, percentages, trend and risk grid.

Pure: it takes one plain row per project with a return in the period and computes the figures the
committee paper prints. `MonitoringSummary` is the one object the command, the API, the pages and the
paper are made from; `as_dict` gives its JSON form, whose keys are a public contract (period,
projects, rag, rag_pct, trend, trend_pct, grid, flagged, finished, for_review, finance, coverage).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .coverage import Coverage
from .rag import Rag, Trend, trend

RAG_ORDER = (Rag.GREEN, Rag.AMBER, Rag.RED)
TREND_ORDER = (Trend.IMPROVING, Trend.STABLE, Trend.WORSENING)


@dataclass(frozen=True)
class ProjectRow:
    code: str
    name: str
    clusters: tuple[str, ...]
    status: Rag
    computed: Rag | None
    previous: Rag | None  # status of the most recent earlier return
    reasons: tuple[str, ...] = ()
    narrative: str = ""
    extra_reasons: tuple[str, ...] = field(default=())  # e.g. "data not received"
    name_cy: str = ""  # the Welsh name and narrative, when written
    narrative_cy: str = ""

    @property
    def trend(self) -> Trend:
        return trend(self.previous, self.status)


def whole_percents(counts: Mapping[str, int], total: int) -> dict[str, int]:
    """Each count as a whole percent of the total, halves rounded up (as the paper prints them)."""
    if total == 0:
        return {key: 0 for key in counts}
    return {
        key: int((Decimal(count) * 100 / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        for key, count in counts.items()
    }


def is_flagged(row: ProjectRow) -> bool:
    """Red, worsening, or with a reason of its own (such as data not received)."""
    return row.status is Rag.RED or row.trend is Trend.WORSENING or bool(row.extra_reasons)


@dataclass(frozen=True)
class FlaggedProject:
    code: str
    name: str
    clusters: tuple[str, ...]
    rag: Rag
    computed_rag: Rag | None
    trend: Trend
    reasons: tuple[str, ...]
    narrative: str
    name_cy: str = ""
    narrative_cy: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "clusters": list(self.clusters),
            "rag": str(self.rag),
            "computed_rag": str(self.computed_rag) if self.computed_rag else None,
            "trend": str(self.trend),
            "reasons": list(self.reasons),
            "narrative": self.narrative,
            "name_cy": self.name_cy,
            "narrative_cy": self.narrative_cy,
        }


@dataclass(frozen=True)
class ListedProject:
    """A finished project, or one for review at the Value and Sustainability Group."""

    code: str
    name: str
    clusters: tuple[str, ...]
    state: str
    end_date: date | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "clusters": list(self.clusters),
            "state": self.state,
            "end_date": self.end_date,
        }


def flag(row: ProjectRow) -> FlaggedProject:
    return FlaggedProject(
        code=row.code,
        name=row.name,
        clusters=row.clusters,
        rag=row.status,
        computed_rag=row.computed,
        trend=row.trend,
        reasons=(*row.extra_reasons, *row.reasons),
        narrative=row.narrative,
        name_cy=row.name_cy,
        narrative_cy=row.narrative_cy,
    )


def flagged(rows: Iterable[ProjectRow]) -> list[FlaggedProject]:
    return [flag(row) for row in sorted(rows, key=lambda r: r.code) if is_flagged(row)]


@dataclass(frozen=True)
class Counts:
    """The counts, whole percents and risk grid of a quarter (grid: trend → status → projects)."""

    period: str
    projects: int
    rag: dict[str, int]
    rag_pct: dict[str, int]
    trend: dict[str, int]
    trend_pct: dict[str, int]
    grid: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "projects": self.projects,
            "rag": self.rag,
            "rag_pct": self.rag_pct,
            "trend": self.trend,
            "trend_pct": self.trend_pct,
            "grid": self.grid,
        }


def counts(period: str, cells: Mapping[tuple[str, str], int]) -> Counts:
    """Counts, whole percents and the risk grid from the number of projects in each
    (trend, status) cell."""
    grid = {str(t): {str(r): cells.get((str(t), str(r)), 0) for r in RAG_ORDER} for t in TREND_ORDER}
    total = sum(sum(row.values()) for row in grid.values())
    rag = {str(r): sum(grid[str(t)][str(r)] for t in TREND_ORDER) for r in RAG_ORDER}
    trends = {str(t): sum(grid[str(t)].values()) for t in TREND_ORDER}
    return Counts(
        period=period,
        projects=total,
        rag=rag,
        rag_pct=whole_percents(rag, total),
        trend=trends,
        trend_pct=whole_percents(trends, total),
        grid=grid,
    )


@dataclass(frozen=True)
class MonitoringSummary:
    """A quarter's monitoring summary. `flagged` may be one page of the flagged projects (the API
    pages them); `flagged_total` is how many there are in all."""

    counts: Counts
    flagged: tuple[FlaggedProject, ...]
    coverage: Coverage
    finished: tuple[ListedProject, ...] = ()
    for_review: tuple[ListedProject, ...] = ()
    finance: tuple[dict[str, str], ...] = ()
    flagged_total: int | None = None  # None: `flagged` is complete

    @property
    def period(self) -> str:
        return self.counts.period

    @property
    def projects(self) -> int:
        return self.counts.projects

    @property
    def grid(self) -> dict[str, dict[str, int]]:
        return self.counts.grid

    def as_dict(self) -> dict[str, Any]:
        """The JSON form, keys as they always were, plus `coverage`."""
        return {
            **self.counts.as_dict(),
            "flagged": [f.as_dict() for f in self.flagged],
            "finished": [p.as_dict() for p in self.finished],
            "for_review": [p.as_dict() for p in self.for_review],
            "finance": [dict(row) for row in self.finance],
            "coverage": self.coverage.as_dict(),
        }


def summarise(period: str, rows: Iterable[ProjectRow], coverage: Coverage | None = None) -> MonitoringSummary:
    """The summary of plain rows (a quarter's projects with a status), as the database queries
    compute it in aggregate."""
    rows = list(rows)
    found = counts(period, Counter((str(r.trend), str(r.status)) for r in rows))
    return MonitoringSummary(
        counts=found,
        flagged=tuple(flagged(rows)),
        coverage=coverage or Coverage(len(rows), len(rows), ()),
    )
