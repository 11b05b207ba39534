"""The portfolio list: projects with their status and trend in a period, filtered and sorted in SQL
so the page stays fast with tens of thousands of projects."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, OuterRef, Q, QuerySet, Subquery, Value, When

from cymuned.orgs.models import Kind, Membership, OrgUnit

from .models import MonitoringReturn, Project

SORTS = {
    "code": "code",
    "name": "name",
    "status": "status_order",
    "trend": "trend_order",
    "theme": "theme",
    "state": "state",
    "budget": "annual_budget_gbp",
}
RAG_ORDER = Case(
    When(status="red", then=Value(0)),
    When(status="amber", then=Value(1)),
    When(status="green", then=Value(2)),
    default=Value(3),
)
TREND_ORDER = Case(
    When(trend="worsening", then=Value(0)),
    When(trend="stable", then=Value(1)),
    When(trend="improving", then=Value(2)),
    default=Value(3),
)


@dataclass
class Filters:
    period: str
    health_board: str = ""
    county: str = ""
    cluster: str = ""
    rag: str = ""
    trend: str = ""
    theme: str = ""
    condition: str = ""
    state: str = ""
    neighbourhood: str = ""
    sort: str = "code"

    @classmethod
    def from_query(cls, query, period: str) -> "Filters":
        fields = {name: query.get(name, "").strip() for name in cls.__dataclass_fields__ if name != "period"}
        if fields["sort"].lstrip("-") not in SORTS:
            fields["sort"] = "code"
        return cls(period=period, **fields)


def trend_expression() -> Case:
    improving = Q(previous_status="red", status__in=["amber", "green"]) | Q(previous_status="amber", status="green")
    worsening = Q(previous_status="green", status__in=["amber", "red"]) | Q(previous_status="amber", status="red")
    return Case(
        When(status="", then=Value("")),
        When(improving, then=Value("improving")),
        When(worsening, then=Value("worsening")),
        default=Value("stable"),
        output_field=CharField(),
    )


def clusters_of_neighbourhood(code: str) -> list[str]:
    """Clusters wholly or partly in a neighbourhood, on the first day it exists (or today, if later):
    a split cluster's projects appear under each neighbourhood its practices join."""
    from cymuned.finance.position import neighbourhood_split

    unit = OrgUnit.objects.filter(code=code, kind=Kind.NEIGHBOURHOOD).first()
    if unit is None:
        return []
    on = max(filter(None, [unit.valid_from, date.today()]))
    split = neighbourhood_split(OrgUnit.objects.of_kind(Kind.CLUSTER).existing_on(on), on)
    return [cluster for cluster, weights in split.items() if weights.get(code)]


def clusters_also_elsewhere(code: str) -> list[str]:
    """Clusters of a neighbourhood that are also (wholly or partly) in another neighbourhood: their
    projects are listed under each, so counts must never be added across neighbourhoods."""
    from cymuned.finance.position import neighbourhood_split

    unit = OrgUnit.objects.filter(code=code, kind=Kind.NEIGHBOURHOOD).first()
    if unit is None:
        return []
    on = max(filter(None, [unit.valid_from, date.today()]))
    split = neighbourhood_split(OrgUnit.objects.of_kind(Kind.CLUSTER).existing_on(on), on)
    return [c for c, weights in split.items() if weights.get(code) and any(w for n, w in weights.items() if n != code)]


def shared_project_ids(rows: QuerySet[Project], neighbourhood: str) -> set[int]:
    """Projects in `rows` that are listed under another neighbourhood as well."""
    elsewhere = clusters_also_elsewhere(neighbourhood)
    if not elsewhere:
        return set()
    through = Project.clusters.through.objects.filter(orgunit__code__in=elsewhere)
    return set(rows.filter(pk__in=through.values("project_id")).values_list("pk", flat=True))


def _units_under(code: str, kind: str):
    return Membership.objects.filter(parent__code=code, child__kind=kind).values("child_id")


def portfolio(projects: QuerySet[Project], filters: Filters) -> QuerySet[Project]:
    current = MonitoringReturn.objects.filter(project=OuterRef("pk"), period=filters.period)
    earlier = MonitoringReturn.objects.filter(project=OuterRef("pk"), period__lt=filters.period).order_by("-period")
    rows = projects.annotate(
        status=Subquery(current.values("status")[:1]),
        previous_status=Subquery(earlier.values("status")[:1]),
    ).annotate(trend=trend_expression(), status_order=RAG_ORDER, trend_order=TREND_ORDER)
    if filters.cluster:
        rows = rows.filter(
            pk__in=Project.clusters.through.objects.filter(orgunit__code=filters.cluster).values("project_id")
        )
    for code, kind in ((filters.health_board, Kind.CLUSTER), (filters.county, Kind.CLUSTER)):
        if code:
            rows = rows.filter(
                pk__in=Project.clusters.through.objects.filter(orgunit__in=_units_under(code, kind)).values(
                    "project_id"
                )
            )
    if filters.neighbourhood:
        rows = rows.filter(
            pk__in=Project.clusters.through.objects.filter(
                orgunit__code__in=clusters_of_neighbourhood(filters.neighbourhood)
            ).values("project_id")
        )
    if filters.rag:
        rows = rows.filter(status=filters.rag)
    if filters.trend:
        rows = rows.filter(trend=filters.trend)
    if filters.theme:
        rows = rows.filter(theme=filters.theme)
    if filters.condition:
        rows = rows.filter(priority_condition="" if filters.condition == "none" else filters.condition)
    if filters.state:
        rows = rows.filter(state=filters.state)
    descending = filters.sort.startswith("-")
    key = SORTS[filters.sort.lstrip("-")]
    return rows.order_by(f"-{key}" if descending else key, "code")
