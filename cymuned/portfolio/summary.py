"""The quarter's summary of the monitoring report: counts, percentages, trend and risk grid.

Pure: it takes one plain row per project with a return in the period and computes the figures the
committee paper prints.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

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


def flagged(rows: Iterable[ProjectRow]) -> list[dict[str, Any]]:
    return [
        {
            "code": row.code,
            "name": row.name,
            "clusters": list(row.clusters),
            "rag": str(row.status),
            "computed_rag": str(row.computed) if row.computed else None,
            "trend": str(row.trend),
            "reasons": [*row.extra_reasons, *row.reasons],
            "narrative": row.narrative,
        }
        for row in sorted(rows, key=lambda r: r.code)
        if is_flagged(row)
    ]


def counts(period: str, cells: Mapping[tuple[str, str], int]) -> dict[str, Any]:
    """Counts, whole percents and the risk grid from the number of projects in each
    (trend, status) cell."""
    grid = {str(t): {str(r): cells.get((str(t), str(r)), 0) for r in RAG_ORDER} for t in TREND_ORDER}
    total = sum(sum(row.values()) for row in grid.values())
    rag = {str(r): sum(grid[str(t)][str(r)] for t in TREND_ORDER) for r in RAG_ORDER}
    trends = {str(t): sum(grid[str(t)].values()) for t in TREND_ORDER}
    return {
        "period": period,
        "projects": total,
        "rag": rag,
        "rag_pct": whole_percents(rag, total),
        "trend": trends,
        "trend_pct": whole_percents(trends, total),
        "grid": grid,
    }


def summarise(period: str, rows: Iterable[ProjectRow]) -> dict[str, Any]:
    rows = list(rows)
    result = counts(period, Counter((str(r.trend), str(r.status)) for r in rows))
    result["flagged"] = flagged(rows)
    return result
