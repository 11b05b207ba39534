"""Gathering what the summary and pages need, in a few queries (never one per project)."""

from collections import defaultdict
from datetime import date
from types import SimpleNamespace

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext, gettext_noop

from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter

from .models import MonitoringReturn, Project, State
from .rag import Rag
from .returns import METRIC_FIELDS, assessment_of
from .summary import ProjectRow

PROJECT_CLUSTERS = Project.clusters.through
ROW_FIELDS = (
    "project_id",
    "project__code",
    "project__name",
    "status",
    "computed_rag",
    "narrative",
    "previous_status",
    *METRIC_FIELDS,
    "rag_override",
    "override_reason",
)
DATA_NOT_RECEIVED = gettext_noop("data not received")  # translated when a row is built


def clusters_in(health_board: str, on: date) -> QuerySet[OrgUnit]:
    ids = Membership.objects.on(on).filter(parent__code=health_board, child__kind=Kind.CLUSTER).values("child_id")
    return OrgUnit.objects.filter(pk__in=ids)


def scoped_projects(
    cluster_codes: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
    on: date | None = None,
) -> QuerySet[Project]:
    """Projects in any of the chosen clusters / the health board / what the user may see."""
    projects = Project.objects.all()
    if cluster_codes:
        projects = projects.filter(clusters__code__in=cluster_codes)
    if health_board:
        projects = projects.filter(clusters__in=clusters_in(health_board, on or date.today()))
    if visible is not None:
        # one EXISTS per project rather than a join that needs DISTINCT
        links = PROJECT_CLUSTERS.objects.filter(project_id=OuterRef("pk"), orgunit_id__in=visible)
        projects = projects.filter(Exists(links))
    return projects.distinct() if (cluster_codes or health_board) else projects


def cluster_codes_by_project(project_ids) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    links = PROJECT_CLUSTERS.objects.filter(project_id__in=project_ids).values_list("project_id", "orgunit__code")
    for project_id, code in links.order_by("orgunit__code"):
        found[project_id].append(code)
    return {k: tuple(v) for k, v in found.items()}


def returns_with_previous(period: str, projects: QuerySet[Project]) -> QuerySet[MonitoringReturn]:
    previous = MonitoringReturn.objects.filter(project=OuterRef("project"), period__lt=period).order_by("-period")
    return MonitoringReturn.objects.filter(period=period, project__in=projects).annotate(
        previous_status=Subquery(previous.values("status")[:1])
    )


def grid_cells(period: str, projects: QuerySet[Project]) -> dict[tuple[str, str], int]:
    """How many projects fall in each (trend, status) cell of the risk grid: one aggregate query."""
    from .listing import trend_expression

    cells = (
        returns_with_previous(period, projects)
        .exclude(status="")
        .annotate(trend=trend_expression())
        .values("trend", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(cell["trend"], cell["status"]): cell["n"] for cell in cells}


def flagged_rows(period: str, projects: QuerySet[Project], not_received: set[str] = frozenset()) -> list[ProjectRow]:
    """Only the projects the summary prints: red, worsening, or with data not received."""
    from .listing import trend_expression

    return project_rows(
        period,
        projects,
        not_received,
        only=lambda returns: returns.annotate(trend=trend_expression()).filter(
            Q(status="red") | Q(trend="worsening") | Q(project__code__in=not_received)
        ),
    )


def project_rows(
    period: str, projects: QuerySet[Project], not_received: set[str] = frozenset(), only=None
) -> list[ProjectRow]:
    """One row per project with a return in the period; `not_received` names projects whose
    outcome data has not arrived, which are flagged whatever their status."""
    returns = returns_with_previous(period, projects)
    if only is not None:
        returns = only(returns)
    clusters = cluster_codes_by_project(returns.values("project_id"))
    rows = []
    for item in returns.values(*ROW_FIELDS):
        if not item["status"]:
            continue  # nothing assessed and no override: not counted
        status = Rag(item["status"])
        previous = Rag(item["previous_status"]) if item["previous_status"] else None
        worsening = previous is not None and status.severity > previous.severity
        # the reasons are worked out only for the rows that will be printed
        reasons = tuple(assessment_of(SimpleNamespace(**item)).reasons) if status is Rag.RED or worsening else ()
        rows.append(
            ProjectRow(
                code=item["project__code"],
                name=item["project__name"],
                clusters=clusters.get(item["project_id"], ()),
                status=status,
                computed=Rag(item["computed_rag"]) if item["computed_rag"] else None,
                previous=previous,
                reasons=reasons,
                narrative=item["narrative"],
                extra_reasons=(gettext(DATA_NOT_RECEIVED),) if item["project__code"] in not_received else (),
            )
        )
    return rows


def projects_in_states(projects: QuerySet[Project], states: list[str]) -> list[dict]:
    chosen = list(projects.filter(state__in=states).order_by("name"))
    clusters = cluster_codes_by_project([p.pk for p in chosen])
    return [
        {
            "code": p.code,
            "name": p.name,
            "clusters": list(clusters.get(p.pk, ())),
            "state": p.state,
            "end_date": p.end_date,
        }
        for p in chosen
    ]


def latest_period(projects: QuerySet[Project] | None = None) -> str | None:
    returns = MonitoringReturn.objects.all()
    if projects is not None:
        returns = returns.filter(project__in=projects)
    return returns.order_by("-period").values_list("period", flat=True).first()


FINISHED = [State.FINISHED, State.STOPPED]
FOR_REVIEW = [State.UNDER_REVIEW]


def period_end(period: str) -> date:
    return Quarter.parse(period).end
