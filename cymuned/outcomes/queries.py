"""Completeness of a period's expected returns, gathered in a few queries."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from cymuned.portfolio.queries import cluster_codes_by_project

from .completeness import Expected, Status, status
from .models import ExpectedReturn


def expected_in(period: str, projects: QuerySet | None = None) -> list[tuple[ExpectedReturn, Status]]:
    today = timezone.localdate()
    returns = (
        ExpectedReturn.objects.filter(period=period).select_related("project", "provider").order_by("project__code")
    )
    if projects is not None:
        returns = returns.filter(project__in=projects)
    return [(item, status(item.due, item.first_submitted_at, today)) for item in returns]


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
    """Codes of projects whose outcome return for the period is overdue and has not arrived."""
    today = today or timezone.localdate()
    returns = ExpectedReturn.objects.filter(period=period, first_submitted_at__isnull=True, due__lt=today)
    if projects is not None:
        returns = returns.filter(project__in=projects)
    return set(returns.values_list("project__code", flat=True))
