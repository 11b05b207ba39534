"""Completeness of a period's expected returns, gathered in a few queries."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from cymuned.periods import Quarter, local_date
from cymuned.portfolio.queries import cluster_codes_by_project

from .completeness import Expected, Status, received, status
from .models import ExpectedReturn, Measure, MeasureValue
from .submission import month_periods


def holds_values(period: str) -> Exists:
    """Whether a return of the period holds any value: a value of one of its project's measures for
    the quarter or for one of its months."""
    quarter = Quarter.parse(period)
    periods = [period, *month_periods(quarter)]
    return Exists(MeasureValue.objects.filter(measure__project=OuterRef("project"), period__in=periods))


def projects_without_measures(project_ids) -> set[int]:
    """Of these projects, those with no outcome measures: nothing can be returned for them."""
    with_measures = set(Measure.objects.filter(project_id__in=project_ids).values_list("project_id", flat=True))
    return set(project_ids) - with_measures


def expected_in(period: str, projects: QuerySet | None = None) -> list[tuple[ExpectedReturn, Status]]:
    today = local_date()
    returns = (
        ExpectedReturn.objects.filter(period=period)
        .annotate(holds_values=holds_values(period))
        .select_related("project", "provider")
        .order_by("project__code")
    )
    if projects is not None:
        returns = returns.filter(project__in=projects)
    return [(item, status(item.due, received(item.first_submitted_at, item.holds_values), today)) for item in returns]


def completeness_items(pairs: list[tuple[ExpectedReturn, Status]]) -> list[Expected]:
    clusters = cluster_codes_by_project([item.project_id for item, _s in pairs])
    return [
        Expected(
            key=item.project.code,
            groups={
                "cluster": list(clusters.get(item.project_id, ())),
                "provider": [item.provider.name],
                "project": [item.project.code],
            },
            status=state,
        )
        for item, state in pairs
    ]


def data_not_received(period: str, projects: QuerySet | None = None, today: date | None = None) -> set[str]:
    """Codes of projects whose outcome return for the period is overdue and has not arrived (a return
    that holds no value has not arrived, whatever was sent)."""
    today = today or local_date()
    returns = ExpectedReturn.objects.filter(due__lt=today, period=period).filter(
        Q(first_submitted_at__isnull=True) | ~holds_values(period)
    )
    if projects is not None:
        returns = returns.filter(project__in=projects)
    return set(returns.values_list("project__code", flat=True))
