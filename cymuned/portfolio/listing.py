"""The portfolio list: projects with their status and trend in a period, filtered and sorted in SQL
so the page stays fast with tens of thousands of projects.

The status, trend and their sort keys are the ones stored on the period's return (see
portfolio.returns.restate): one join, no subquery per row."""

from dataclasses import dataclass

from django.db.models import F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from cymuned.orgs.hierarchy import neighbourhood_split
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import local_date

from .models import Project
from .rag import UNRANKED

SORTS = {
    "code": "code",
    "name": "name",
    "status": "status_order",
    "trend": "trend_order",
    "theme": "theme",
    "state": "state",
    "budget": "annual_budget_gbp",
}


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
    q: str = ""  # search: a project code, or words in its name (English or Welsh)
    sort: str = "code"

    @classmethod
    def from_query(cls, query, period: str) -> "Filters":
        fields = {name: query.get(name, "").strip() for name in cls.__dataclass_fields__ if name != "period"}
        fields["q"] = " ".join(fields["q"].split())[:100]
        if fields["sort"].lstrip("-") not in SORTS:
            fields["sort"] = "code"
        return cls(period=period, **fields)


def clusters_of_neighbourhood(code: str) -> list[str]:
    """Clusters wholly or partly in a neighbourhood, on the first day it exists (or today, if later):
    a split cluster's projects appear under each neighbourhood its practices join."""
    unit = OrgUnit.objects.filter(code=code, kind=Kind.NEIGHBOURHOOD).first()
    if unit is None:
        return []
    on = max(filter(None, [unit.valid_from, local_date()]))
    split = neighbourhood_split(OrgUnit.objects.of_kind(Kind.CLUSTER).existing_on(on), on)
    return [cluster for cluster, weights in split.items() if weights.get(code)]


def clusters_also_elsewhere(code: str) -> list[str]:
    """Clusters of a neighbourhood that are also (wholly or partly) in another neighbourhood: their
    projects are listed under each, so counts must never be added across neighbourhoods."""
    unit = OrgUnit.objects.filter(code=code, kind=Kind.NEIGHBOURHOOD).first()
    if unit is None:
        return []
    on = max(filter(None, [unit.valid_from, local_date()]))
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


def search_condition(text: str) -> Q:
    """A project whose code is the text (or starts with it), or whose English or Welsh name holds
    every word of it, in any order and case: "pain" finds AG-PAIN, "persistent pain" finds it too."""
    words = text.split()
    by_code = Q(code__istartswith=text.strip())
    by_name = Q()
    for word in words:
        by_name &= Q(name__icontains=word) | Q(name_cy__icontains=word) | Q(code__icontains=word)
    return by_code | by_name


def portfolio(projects: QuerySet[Project], filters: Filters) -> QuerySet[Project]:
    rows = projects.annotate(
        current=FilteredRelation("returns", condition=Q(returns__period=filters.period)),
    ).annotate(
        status=Coalesce(F("current__status"), Value("")),
        trend=Coalesce(F("current__trend"), Value("")),
        status_order=Coalesce(F("current__status_rank"), Value(UNRANKED)),
        trend_order=Coalesce(F("current__trend_rank"), Value(UNRANKED)),
    )
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
    if filters.q:
        rows = rows.filter(search_condition(filters.q))
    if filters.rag:
        rows = rows.filter(current__status=filters.rag)
    if filters.trend:
        rows = rows.filter(current__trend=filters.trend)
    if filters.theme:
        rows = rows.filter(theme=filters.theme)
    if filters.condition:
        rows = rows.filter(priority_condition="" if filters.condition == "none" else filters.condition)
    if filters.state:
        rows = rows.filter(state=filters.state)
    descending = filters.sort.startswith("-")
    key = SORTS[filters.sort.lstrip("-")]
    return rows.order_by(f"-{key}" if descending else key, "code")
