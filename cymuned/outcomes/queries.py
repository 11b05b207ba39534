"""Completeness of a period's expected returns, gathered in a few queries."""

from datetime import date
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Q, QuerySet

from cymuned.periods import Quarter, local_date
from cymuned.portfolio.models import Project
from cymuned.portfolio.queries import cluster_codes_by_project

from .completeness import Rate, Status, rates_of, received, status
from .models import ExpectedReturn, Measure, MeasureValue
from .submission import month_periods


def holds_values(period: str) -> Exists:
    """Whether a return of the period holds any value: a value of one of its project's measures for
    the quarter or for one of its months."""
    return Exists(MeasureValue.objects.filter(measure__project=OuterRef("project"), period__in=value_periods(period)))


def value_periods(period: str) -> list[str]:
    """The periods a return of the quarter may hold values for: the quarter and its months."""
    return [period, *month_periods(Quarter.parse(period))]


def projects_without_measures(project_ids) -> set[int]:
    """Of these projects, those with no outcome measures: nothing can be returned for them."""
    with_measures = set(Measure.objects.filter(project_id__in=project_ids).values_list("project_id", flat=True))
    return set(project_ids) - with_measures


def _expected(period: str, projects: QuerySet | None) -> QuerySet[ExpectedReturn]:
    returns = ExpectedReturn.objects.filter(period=period)
    return returns if projects is None else returns.filter(project__in=projects)


class ExpectedRow(NamedTuple):
    """One expected return as the completeness figures need it: read as plain values (a tuple, the
    cheapest record Python builds), since a national period expects 25,000 and building each as a
    model with its project and provider took most of the outcomes page's time; the page fetches
    whole records for the rows it shows only."""

    pk: int
    project_id: int
    project_code: str
    provider: str
    status: Status


def expected_rows(period: str, projects: QuerySet | None = None) -> list[ExpectedRow]:
    """Every expected return of the period (of these projects), in project code order, with its status."""
    today = local_date()
    values = (
        _expected(period, projects)
        .annotate(holds_values=holds_values(period))
        .order_by("project__code", "pk")
        .values_list("pk", "project_id", "project__code", "provider__name", "due", "first_submitted_at", "holds_values")
    )
    return [
        ExpectedRow(pk, project_id, code, provider, status(due, received(submitted, holds), today))
        for pk, project_id, code, provider, due, submitted, holds in values
    ]


def expected_records(rows: list[ExpectedRow]) -> list[ExpectedReturn]:
    """The whole records of these rows, with project and provider, in the rows' order."""
    found = ExpectedReturn.objects.select_related("project", "provider").in_bulk([row.pk for row in rows])
    return [found[row.pk] for row in rows]


def completeness_by(rows: list[ExpectedRow], period: str, projects: QuerySet | None = None) -> dict[str, list[Rate]]:
    """The rows' rates by cluster (each of the project's) and by provider, counted straight from the
    rows (at national scale 25,000: an Expected object each was most of the page's time)."""
    clusters = cluster_codes_by_project(_expected(period, projects).values("project_id"))
    return {
        "cluster": rates_of((clusters.get(row.project_id, ()), row.status) for row in rows),
        "provider": rates_of(((row.provider,), row.status) for row in rows),
    }


def project_rates(rows: list[ExpectedRow], codes: set[str]) -> list[Rate]:
    """The rates of the projects shown (by project code)."""
    return rates_of(((row.project_code,), row.status) for row in rows if row.project_code in codes)


def not_received_projects(period: str, projects: QuerySet | None = None, today: date | None = None) -> QuerySet:
    """The ids of the projects whose outcome return for the period is overdue and has not arrived,
    as a queryset of `project_id` (for use as a subquery)."""
    today = today or local_date()
    returns = _expected(period, projects).filter(due__lt=today)
    # The projects holding values, read once (NOT IN an uncorrelated subquery), rather than the
    # correlated NOT EXISTS of `holds_values` for each expected return: PostgreSQL costs that as run
    # once per expected return however few it runs (330,000 cost units at 100,000 projects), which
    # priced every plan that probes the summary's returns one project at a time out of reach.
    # A measure always has a project, so NOT IN meets no NULL.
    holding = MeasureValue.objects.filter(period__in=value_periods(period)).values("measure__project_id")
    return returns.filter(Q(first_submitted_at__isnull=True) | ~Q(project_id__in=holding)).values("project_id")


def data_not_received(period: str, projects: QuerySet | None = None, today: date | None = None) -> set[str]:
    """Codes of projects whose outcome return for the period is overdue and has not arrived (a return
    that holds no value has not arrived, whatever was sent)."""
    late = not_received_projects(period, projects, today)
    return set(Project.objects.filter(pk__in=late).values_list("code", flat=True))
