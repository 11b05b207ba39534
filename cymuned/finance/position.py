"""The financial position the committee sees: budget, spend, variance, % spent and spend unknown,
by cluster or — after the reorganisation — by neighbourhood, reconciling to the penny."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from cymuned.orgs.hierarchy import neighbourhood_split
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .allocation import PENNY, largest_remainder
from .models import Budget, SpendLine

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Position:
    code: str
    name: str
    budget: Decimal
    spend: Decimal
    unknown: Decimal

    @property
    def variance(self) -> Decimal:
        return self.budget - self.spend

    forecast: Decimal = ZERO  # forecast outturn for the year
    # Made from a synthetic spend line (SpendLine.synthetic): its spend, spend unknown, variance, % spent
    # and forecast are labelled synthetic wherever they are shown.
    synthetic: bool = False

    @property
    def pct_spent(self) -> Decimal | None:
        return None if self.budget == 0 else (self.spend * 100 / self.budget).quantize(Decimal("0.1"))


def total(positions: Iterable[Position], code: str = "", name: str = "") -> Position:
    items = list(positions)
    return Position(
        code,
        name,
        sum((p.budget for p in items), ZERO),
        sum((p.spend for p in items), ZERO),
        sum((p.unknown for p in items), ZERO),
        sum((p.forecast for p in items), ZERO),
        any(p.synthetic for p in items),
    )


def forecast_outturn(spend: Decimal, months_reported: int) -> Decimal:
    """The spend so far, run on at its monthly average to month 12."""
    if months_reported == 0:
        return spend
    return (spend * 12 / months_reported).quantize(PENNY)


def regroup(amounts: Mapping[str, Decimal], split: Mapping[str, Mapping[str, int]]) -> dict[str, Decimal]:
    """Re-add cluster amounts by neighbourhood. A cluster wholly in one neighbourhood moves whole; a
    split one is divided by the registered patients going each way, to the penny (largest remainder),
    so the neighbourhood totals add up exactly to the cluster totals. Clusters in no neighbourhood
    are kept under the key ''."""
    result: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for cluster, amount in amounts.items():
        weights = {n: w for n, w in split.get(cluster, {}).items() if w > 0}
        if not weights:
            result[""] += amount
            continue
        sign = -1 if amount < 0 else 1
        for neighbourhood, share in largest_remainder(abs(amount), weights).items():
            result[neighbourhood] += sign * share
    return dict(result)


def cluster_positions(year: FinancialYear, clusters: Iterable[OrgUnit]) -> list[Position]:
    clusters = list(clusters)
    budgets = dict(
        Budget.objects.filter(financial_year=str(year), cluster__in=clusters).values_list("cluster_id", "budget_gbp")
    )
    spend = {
        row["cluster_id"]: row
        for row in SpendLine.objects.filter(financial_year=str(year), cluster__in=clusters)
        .values("cluster_id")
        .annotate(
            spend=Sum("amount_gbp"),
            unknown=Sum("amount_gbp", filter=Q(project__isnull=True)),
            months=Max("month"),
            synthetic=Count("pk", filter=Q(synthetic=True)),
        )
    }

    def pennies(value) -> Decimal:
        # SQLite sums decimals with extra places; every amount is kept to the penny
        return Decimal(value or 0).quantize(PENNY)

    return [
        Position(
            c.code,
            c.name,
            pennies(budgets.get(c.pk)),
            pennies(spend.get(c.pk, {}).get("spend")),
            pennies(spend.get(c.pk, {}).get("unknown")),
            forecast_outturn(pennies(spend.get(c.pk, {}).get("spend")), spend.get(c.pk, {}).get("months") or 0),
            bool(spend.get(c.pk, {}).get("synthetic")),
        )
        for c in clusters
    ]


def neighbourhood_positions(cluster_rows: list[Position], clusters: Iterable[OrgUnit], on: date) -> list[Position]:
    split = neighbourhood_split(clusters, on)
    parts = {
        field: regroup({p.code: getattr(p, field) for p in cluster_rows}, split)
        for field in ("budget", "spend", "unknown", "forecast")
    }
    codes = sorted({k for values in parts.values() for k in values})
    names = {u.code: u.name for u in OrgUnit.objects.filter(code__in=codes)}
    synthetic = {p.code for p in cluster_rows if p.synthetic}
    # a neighbourhood's figures are synthetic where any cluster (or part of one) in them is
    synthetic_in = {
        neighbourhood or ""
        for cluster in synthetic
        for neighbourhood in ([n for n, w in split.get(cluster, {}).items() if w > 0] or [""])
    }
    return [
        Position(
            code,
            names.get(code, ""),
            parts["budget"].get(code, ZERO),
            parts["spend"].get(code, ZERO),
            parts["unknown"].get(code, ZERO),
            parts["forecast"].get(code, ZERO),
            code in synthetic_in,
        )
        for code in codes
    ]


def monthly_spend(year: FinancialYear, cluster: OrgUnit) -> list[Decimal]:
    by_month = dict(
        SpendLine.objects.filter(financial_year=str(year), cluster=cluster)
        .values("month")
        .annotate(total=Sum("amount_gbp"))
        .values_list("month", "total")
    )
    return [by_month.get(m, ZERO) for m in range(1, 13)]


def finance_summary(
    year: FinancialYear, cluster_codes: list[str] | None = None, visible: set[int] | None = None
) -> list[dict]:
    """The `finance` part of the monitoring summary: per cluster, to the penny."""
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(budgets__financial_year=str(year)).distinct()
    if cluster_codes is not None:
        clusters = clusters.filter(code__in=cluster_codes)
    if visible is not None:
        clusters = clusters.filter(pk__in=visible)
    return [
        {
            "cluster": p.code,
            "name": p.name,
            "budget_gbp": str(p.budget),
            "spend_gbp": str(p.spend),
            "variance_gbp": str(p.variance),
            "unallocated_gbp": str(p.unknown),
            "synthetic": p.synthetic,
        }
        for p in cluster_positions(year, clusters.order_by("name_en"))
    ]
