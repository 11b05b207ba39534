"""Gathering what the summary and pages need, in a few queries (never one per project)."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.db import connections, models, router
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.utils.translation import gettext, gettext_noop

from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter, local_date

from .changes import COLUMNS
from .coverage import Coverage
from .models import MonitoringReturn, Project, State
from .rag import Rag, Trend
from .returns import METRIC_FIELDS, assessment_of, thresholds_for
from .summary import ListedProject, ProjectRow

PROJECT_CLUSTERS = Project.clusters.through
ROW_FIELDS = (
    "project_id",
    "project__code",
    "project__name",
    "period",
    "status",
    "computed_rag",
    "narrative",
    "narrative_cy",
    "project__name_cy",
    "previous_status",
    "trend",
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
    """Projects in any of the chosen clusters / the health board / what the user may see. Each is
    one EXISTS per project rather than a join, which would need a DISTINCT over every column (and a
    COUNT over that) to list a project of two clusters once."""
    projects = Project.objects.all()

    def linked(**to_clusters) -> Exists:
        return Exists(PROJECT_CLUSTERS.objects.filter(project_id=OuterRef("pk"), **to_clusters))

    if cluster_codes:
        projects = projects.filter(linked(orgunit__code__in=cluster_codes))
    if health_board:
        # the board's clusters read once, as a list: a board holds tens of clusters (the bench's
        # synthetic boards nearly two hundred), and each of the summary's queries would otherwise
        # plan and run the membership subquery again
        chosen = list(clusters_in(health_board, on or local_date()).values_list("pk", flat=True))
        projects = projects.filter(linked(orgunit_id__in=chosen))
    if visible is not None:
        projects = projects.filter(linked(orgunit_id__in=visible))
    return projects


def cluster_codes_by_project(project_ids) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    links = PROJECT_CLUSTERS.objects.filter(project_id__in=project_ids).values_list("project_id", "orgunit__code")
    for project_id, code in links.order_by("orgunit__code"):
        found[project_id].append(code)
    return {k: tuple(v) for k, v in found.items()}


def returns_in(period: str, projects: QuerySet[Project]) -> QuerySet[MonitoringReturn]:
    """The period's returns of these projects, each with its stored previous status and trend. Every
    return belongs to a project, so a scope that restricts nothing (all of Wales for a national
    administrator) adds no condition: `project_id IN (every project)` made PostgreSQL hash all the
    projects for each of the summary's queries (the grid: 45 ms, not 6, at 100,000 projects)."""
    returns = MonitoringReturn.objects.filter(period=period)
    return returns.filter(project__in=projects) if restricts(projects) else returns


def restricts(projects: QuerySet[Project]) -> bool:
    """Whether the queryset is less than every project."""
    query = projects.query
    return bool(query.has_filters() or query.is_sliced or query.combinator)


def grid_cells(period: str, projects: QuerySet[Project]) -> dict[tuple[str, str], int]:
    """How many projects fall in each (trend, status) cell of the risk grid: one aggregate query
    over the stored trend. Returns with no status (nothing assessed) have their cells too, with
    status "": the grid leaves them out, and the cells together count every return of the quarter,
    which is the coverage's "with a return" without a second count (see `coverage`)."""
    # COUNT(*), not of a column: the (period, trend, status) index then answers alone
    cells = returns_in(period, projects).values("trend", "status").annotate(n=Count("*")).order_by()
    return {(cell["trend"], cell["status"]): cell["n"] for cell in cells}


@dataclass(frozen=True)
class Late:
    """The projects whose outcome data has not arrived, flagged whatever their status: one queryset of
    their ids for each capability that decides it (none: no project is late). The database answers
    it, not a list of codes: at national scale thousands of projects may be late.

    Two forms of one condition. Over many returns (the flagged list, its count) each set is read once
    and looked up (`condition`). For a page of returns, each row asks whether its own project is among
    them through the (project, period) index (`mark(each=True)`): reading the whole set to mark a hundred
    rows took 41 ms of a board's summary at 100,000 projects, asking row by row 0.5 ms."""

    sources: tuple[QuerySet, ...] = ()

    def condition(self) -> Q:
        found = Q(pk__in=[])  # holds for no return
        for source in self.sources:
            found |= Q(project__in=source)
        return found

    def mark(self, each: bool = False) -> Any:
        """Whether a return's project is late, as a column of the returns read (`each`: row by row)."""
        if not self.sources:
            return Value(False)
        if not each:
            return ExpressionWrapper(self.condition(), output_field=BooleanField())
        found = Q()
        for source in self.sources:
            found |= Q(Exists(source.filter(project_id=OuterRef("project_id"))))
        return ExpressionWrapper(found, output_field=BooleanField())


NONE_LATE = Late()


def flagged_returns(
    period: str, projects: QuerySet[Project], not_received: Late = NONE_LATE
) -> QuerySet[MonitoringReturn]:
    """The returns of the projects the summary prints: red, worsening, or with data not received
    (and a status), in project code order."""
    return (
        returns_in(period, projects)
        .exclude(status="")
        .filter(Q(status="red") | Q(trend="worsening") | not_received.condition())
        .order_by("project__code")
    )


def flagged_page(
    period: str,
    projects: QuerySet[Project],
    not_received: Late = NONE_LATE,
    window: slice | None = None,
) -> tuple[list[ProjectRow], int]:
    """Only the projects the summary prints, `window` taking one page of them (in code order), and
    how many there are in all.

    A page is read in two steps: its projects' ids, with the length of the whole list counted in the
    same pass (a window count over the narrow rows), then those returns' rows. Counting over the
    whole rows made the database carry every flagged return's row to the end, spilling them to disk
    at national scale (250 ms of the Wales summary at 100,000 projects)."""
    chosen = flagged_returns(period, projects, not_received)
    if window is None:
        rows = _project_rows(period, _values(chosen, not_received))
        return rows, len(rows)
    found = list(chosen.annotate(flagged_total=Window(Count("*"))).values_list("project_id", "flagged_total")[window])
    if found:
        total = found[0][1]
    else:  # a page past the end: nothing to read the total from
        total = 0 if not window.start else chosen.count()
    # the ids are the flagged ones already (`flagged` checks each row again by the rule)
    page = MonitoringReturn.objects.filter(period=period, project_id__in=[pk for pk, _total in found])
    values = _values(page.order_by("project__code"), not_received, each=True) if found else []
    return _project_rows(period, values), total


def project_rows(period: str, projects: QuerySet[Project], not_received: Late = NONE_LATE) -> list[ProjectRow]:
    """One row per project with a return in the period, those `not_received` marked late."""
    return _project_rows(period, _values(returns_in(period, projects), not_received))


def _values(returns: QuerySet[MonitoringReturn], not_received: Late, each: bool = False) -> list[dict[str, Any]]:
    return list(returns.annotate(data_late=not_received.mark(each)).values(*ROW_FIELDS, "data_late"))


def _project_rows(period: str, found: list[dict[str, Any]]) -> list[ProjectRow]:
    clusters = cluster_codes_by_project([item["project_id"] for item in found])
    limits = thresholds_for(period) if found else None  # one quarter: the same thresholds for every row
    not_received_reason = (gettext(DATA_NOT_RECEIVED),)
    rows = []
    for item in found:
        if not item["status"]:
            continue  # nothing assessed and no override: not counted
        status = Rag(item["status"])
        previous = Rag(item["previous_status"]) if item["previous_status"] else None
        worsening = item["trend"] == Trend.WORSENING
        # the reasons are worked out only for the rows that will be printed
        reasons = (
            tuple(assessment_of(SimpleNamespace(**item), limits).reasons) if status is Rag.RED or worsening else ()
        )
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
                name_cy=item["project__name_cy"],
                narrative_cy=item["narrative_cy"],
                extra_reasons=not_received_reason if item["data_late"] else (),
            )
        )
    return rows


def projects_in_states(projects: QuerySet[Project], states: Sequence[str]) -> list[ListedProject]:
    chosen = list(projects.filter(state__in=states).order_by("name", "code"))  # one order for projects of one name
    clusters = cluster_codes_by_project([p.pk for p in chosen])
    return [ListedProject(p.code, p.name, clusters.get(p.pk, ()), p.state, p.end_date) for p in chosen]


def latest_period(projects: QuerySet[Project] | None = None) -> str | None:
    returns = MonitoringReturn.objects.all()
    if projects is not None and restricts(projects):
        returns = returns.filter(project__in=projects)
    return returns.order_by("-period").values_list("period", flat=True).first()


def running(quarter: Quarter) -> Q:
    """Projects running in the quarter (portfolio.coverage): not a proposal, started by its end, and
    ending on or after its start or, with no end date, still active or under review."""
    return (
        ~Q(state=State.PROPOSED)
        & Q(start_date__lte=quarter.end)
        & (Q(end_date__gte=quarter.start) | Q(end_date__isnull=True, state__in=[State.ACTIVE, State.UNDER_REVIEW]))
    )


def has_return(quarter: Quarter) -> Exists:
    return Exists(MonitoringReturn.objects.filter(project=OuterRef("pk"), period=str(quarter)))


def coverage(quarter: Quarter, projects: QuerySet[Project], with_return: int | None = None) -> Coverage:
    """How many of these projects are monitored in the quarter, how many have a return, and which
    have none: two queries, or one when the caller has counted the returns already (`with_return`:
    the summary's grid query counts them). Monitored is "has a return" or "running without one",
    two sets that do not meet, so each is a plain join the database plans as such (the "or" of the
    definition read every project through a subquery: on the national bench data set PostgreSQL's
    estimated cost of the missing list fell from 216,000 to 4,600)."""
    missing = tuple(
        projects.filter(running(quarter)).filter(~has_return(quarter)).order_by("code").values_list("code", flat=True)
    )
    if with_return is None:
        # the quarter's returns counted (one per project), not the projects that have one: a count
        # over the period's index rather than a join of every project with every return (on the
        # 4× bench data set 10 ms, not 43)
        with_return = returns_in(str(quarter), projects).count()
    return Coverage(monitored=with_return + len(missing), with_return=with_return, missing=missing)


def default_period(
    projects: QuerySet[Project] | None = None, coverage_of: Callable[[Quarter], Coverage] | None = None
) -> str | None:
    """The quarter pages and papers show when none is asked for: the latest whose returns are
    substantially in (portfolio.coverage); failing that, the latest with any return.

    Quarters are read newest first from the period index and their coverage worked out one at a
    time until one qualifies (usually the first or second), rather than grouping every return ever
    made: on the national bench data set 40 ms became a few. `coverage_of` lets a page keep each
    quarter's coverage as it goes (the one chosen is the one the page then shows)."""
    projects = Project.objects.all() if projects is None else projects
    coverage_of = coverage_of or (lambda quarter: coverage(quarter, projects))
    latest = None
    for period in distinct_values(MonitoringReturn, "period", descending=True):
        found = coverage_of(Quarter.parse(period))
        if not found.with_return:
            continue
        latest = latest or period
        if found.substantially_in:
            return period
    return latest


FINISHED = [State.FINISHED, State.STOPPED]
FOR_REVIEW = [State.UNDER_REVIEW]


def changed_since_previous(quarter: Quarter, projects: QuerySet[Project]) -> QuerySet[Any, dict[str, Any]]:
    """The projects with a return for the quarter and for the one before it whose returns differ in
    any column portfolio.changes compares, in code order, as rows of values: the project's code and
    names, and each compared column of both returns (`now__status`, `before__status`, …). One query
    however many there are; what changed is then read from each row by portfolio.changes."""
    rows = projects.annotate(
        now=FilteredRelation("returns", condition=Q(returns__period=str(quarter))),
        before=FilteredRelation("returns", condition=Q(returns__period=str(quarter.previous()))),
    ).filter(now__id__isnull=False, before__id__isnull=False)
    differs = Q()
    for column in COLUMNS:
        differs |= ~Q(**{f"now__{column}": F(f"before__{column}")})
    return (
        rows.filter(differs)
        .order_by("code")
        .values(
            "pk",
            "code",
            "name",
            "name_cy",
            *(f"{side}__{column}" for side in ("before", "now") for column in COLUMNS),
        )
    )


def distinct_values(model: type[models.Model], field: str, descending: bool = False) -> list[Any]:
    """The distinct non-null values of an indexed column, in order, by stepping through its index from
    one value to the next (a "loose index scan", which neither PostgreSQL nor SQLite plans by itself):
    the cost grows with the number of values, not of rows. 100,000 returns hold a few dozen periods;
    SELECT DISTINCT reads all 100,000 (56 ms on the national bench data set)."""
    meta = model._meta
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    column_field = meta.get_field(field)
    assert isinstance(column_field, models.Field) and column_field.column, f"{field} is not a column"
    table, column = quote(meta.db_table), quote(column_field.column)
    first, step, beyond = ("MAX", "MAX", "<") if descending else ("MIN", "MIN", ">")
    sql = (
        f"WITH RECURSIVE found(value) AS (SELECT {first}({column}) FROM {table} "
        f"UNION ALL SELECT (SELECT {step}({column}) FROM {table} WHERE {column} {beyond} found.value) "
        f"FROM found WHERE found.value IS NOT NULL) SELECT value FROM found WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
