from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from cymuned.accounts.rules import visible_unit_ids
from cymuned.api_responses import documented
from cymuned.periods import Quarter

from .access import project_for, visible_projects
from .monitoring import quarter_summary
from .queries import cluster_codes_by_project
from .returns import assessment_of

router = Router(tags=["monitoring"])


FLAGGED_PAGE_SIZE = 100
FLAGGED_PAGE_MOST = 1000


class SummaryQuery(Schema):
    period: str
    cluster: list[str] = []
    health_board: str | None = None
    flagged_page: int = Field(1, ge=1)
    flagged_size: int = Field(FLAGGED_PAGE_SIZE, ge=1, le=FLAGGED_PAGE_MOST)


class GridRow(Schema):
    green: int
    amber: int
    red: int


class Flagged(Schema):
    code: str
    name: str
    clusters: list[str]
    rag: str
    computed_rag: str | None
    trend: str
    reasons: list[str]
    narrative: str
    name_cy: str = ""  # the Welsh name and narrative, empty when only English was written
    narrative_cy: str = ""


class ListedProject(Schema):
    code: str
    name: str
    clusters: list[str]
    state: str
    end_date: date | None


class ClusterFinance(Schema):
    cluster: str
    name: str
    budget_gbp: str
    spend_gbp: str
    variance_gbp: str
    unallocated_gbp: str
    synthetic: bool = False  # made from synthetic (demonstration) spend lines


class Coverage(Schema):
    monitored: int
    with_return: int
    missing: list[str]


class Summary(Schema):
    period: str
    projects: int
    rag: dict[str, int]
    rag_pct: dict[str, int]
    trend: dict[str, int]
    trend_pct: dict[str, int]
    grid: dict[str, GridRow]
    flagged: list[Flagged]
    finished: list[ListedProject]
    for_review: list[ListedProject]
    finance: list[ClusterFinance] = []
    coverage: Coverage
    flagged_total: int
    flagged_page: int
    flagged_size: int
    flagged_next: str | None


@router.get("/monitoring/summary", response=documented(Summary), summary="The quarter's monitoring summary")
def summary(request, query: Query[SummaryQuery]):
    """RAG counts, trend, risk grid, coverage and finance for a period, limited to what you may see,
    with one page of the flagged projects (`flagged_page`, `flagged_size`: 100 by default, at most
    1,000); `flagged_total` counts them all and `flagged_next` links to the next page.
    `cymuned report monitoring --format json` gives every flagged project at once."""
    try:
        quarter = Quarter.parse(query.period)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    start = (query.flagged_page - 1) * query.flagged_size
    found = quarter_summary(
        quarter,
        clusters=[c.upper() for c in query.cluster] or None,
        health_board=query.health_board,
        visible=visible_unit_ids(request.user),
        flagged_window=slice(start, start + query.flagged_size),
    )
    total = found.flagged_total or 0
    following = None
    if start + query.flagged_size < total:
        asked = request.GET.copy()
        asked["flagged_page"] = str(query.flagged_page + 1)
        asked["flagged_size"] = str(query.flagged_size)
        following = request.build_absolute_uri(f"{request.path}?{asked.urlencode()}")
    return {
        **found.as_dict(),
        "flagged_total": total,
        "flagged_page": query.flagged_page,
        "flagged_size": query.flagged_size,
        "flagged_next": following,
    }


class ProjectOut(Schema):
    code: str
    name: str
    clusters: list[str]
    theme: str
    priority_condition: str
    start_date: date
    end_date: date | None
    annual_budget_gbp: Decimal
    lead: str
    state: str


class ReturnOut(Schema):
    period: str
    status: str
    previous_status: str  # the status this return is compared with: the latest earlier one that has one
    trend: str  # improving, stable or worsening; blank when the return has no status
    computed_rag: str
    override: str
    override_reason: str
    reasons: list[str]
    narrative: str
    target_attainment_pct: Decimal | None
    budget_gbp: Decimal | None
    forecast_spend_gbp: Decimal | None
    milestone_delay_weeks: Decimal | None
    quality: str
    resources: str
    stakeholders: str


class ProjectDetail(ProjectOut):
    returns: list[ReturnOut]


def _project_out(project, clusters) -> dict:
    return {
        "code": project.code,
        "name": project.name,
        "clusters": list(clusters),
        "theme": project.theme,
        "priority_condition": project.priority_condition,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "annual_budget_gbp": project.annual_budget_gbp,
        "lead": project.lead,
        "state": project.state,
    }


@router.get("/projects", response=documented(list[ProjectOut]), summary="Projects you may see")
def projects(request, cluster: str | None = None, state: str | None = None):
    chosen = visible_projects(request.user).order_by("code")
    if cluster:
        chosen = chosen.filter(clusters__code=cluster.upper())
    if state:
        chosen = chosen.filter(state=state)
    chosen = list(chosen)
    clusters = cluster_codes_by_project([p.pk for p in chosen])
    return [_project_out(p, clusters.get(p.pk, ())) for p in chosen]


@router.get("/projects/{code}", response=documented(ProjectDetail), summary="One project with every return")
def project(request, code: str):
    try:
        found = project_for(request.user, code)
    except PermissionDenied:
        # a project the person may not see answers exactly as an unknown code
        raise Http404 from None
    returns = [
        {
            "period": r.period,
            "status": r.status,
            "previous_status": r.previous_status,
            "trend": r.trend,
            "computed_rag": r.computed_rag,
            "override": r.rag_override,
            "override_reason": r.override_reason,
            "reasons": assessment_of(r).reasons,
            "narrative": r.narrative,
            "target_attainment_pct": r.target_attainment_pct,
            "budget_gbp": r.budget_gbp,
            "forecast_spend_gbp": r.forecast_spend_gbp,
            "milestone_delay_weeks": r.milestone_delay_weeks,
            "quality": r.quality,
            "resources": r.resources,
            "stakeholders": r.stakeholders,
        }
        for r in found.returns.order_by("period")
    ]
    return {**_project_out(found, [c.code for c in found.clusters.all()]), "returns": returns}
