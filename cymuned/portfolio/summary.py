"""The quarter's summary of the monitoring report: counts, percentages, trend and risk grid.

Pure: it takes one plain row per project with a return in the period and computes the figures the
committee paper prints.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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


def summarise(period: str, rows: Iterable[ProjectRow]) -> dict:
    rows = sorted(rows, key=lambda r: r.code)
    total = len(rows)
    rag_counts = Counter(r.status for r in rows)
    trend_counts = Counter(r.trend for r in rows)
    rag = {str(k): rag_counts.get(k, 0) for k in RAG_ORDER}
    trends = {str(k): trend_counts.get(k, 0) for k in TREND_ORDER}
    grid = {str(t): {str(r): 0 for r in RAG_ORDER} for t in TREND_ORDER}
    for row in rows:
        grid[str(row.trend)][str(row.status)] += 1
    flagged = [
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
        for row in rows
        if row.status is Rag.RED or row.trend is Trend.WORSENING or row.extra_reasons
    ]
    return {
        "period": period,
        "projects": total,
        "rag": rag,
        "rag_pct": whole_percents(rag, total),
        "trend": trends,
        "trend_pct": whole_percents(trends, total),
        "grid": grid,
        "flagged": flagged,
    }
