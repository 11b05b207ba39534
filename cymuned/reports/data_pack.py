"""A cluster's data pack for a quarter: its projects with their RAG history, its finance, and the
outcome charts that exist for its projects."""

from decimal import Decimal

from django.utils.module_loading import import_string

from cymuned.finance.position import finance_summary
from cymuned.money import format_gbp
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn

from .document import Document, Figure, Heading, Paragraph, Table
from .wording import say

# Capabilities that draw charts for a project offer `charts_for_project(project, period) -> [(spec, alt, caption)]`.
OUTCOME_CHARTS = "cymuned.outcomes.charts.charts_for_project"


def _outcome_charts(project, period: str) -> list:
    try:
        provider = import_string(OUTCOME_CHARTS)
    except ImportError:
        return []
    return provider(project, period)


def data_pack_document(cluster_code: str, period: str, language: str = "en") -> Document:
    cluster = OrgUnit.objects.filter(code=cluster_code, kind=Kind.CLUSTER).first()
    if cluster is None:
        raise LookupError(f"{cluster_code} is not a cluster code")
    quarter = Quarter.parse(period)
    name = cluster.name_cy if language == "cy" and cluster.name_cy else cluster.name_en
    doc = Document(title=f"{say('data_pack', language)}: {name} {quarter}", language=language)
    doc.add(Heading(1, f"{say('data_pack', language)}: {name}"), Paragraph(str(quarter)))
    returns = (
        MonitoringReturn.objects.filter(project__clusters=cluster, period__lte=str(quarter))
        .select_related("project")
        .order_by("project__name", "period")
    )
    periods = sorted({r.period for r in returns})[-4:]
    history: dict[str, dict[str, str]] = {}
    projects = {}
    for item in returns:
        if item.period in periods:
            history.setdefault(item.project.name, {})[item.period] = say(item.status, language) if item.status else "–"
            projects[item.project.name] = item.project
    doc.add(Heading(2, say("projects_heading", language)))
    doc.add(
        Table(
            (say("project", language), *periods),
            tuple((project, *(history[project].get(p, "–") for p in periods)) for project in sorted(history)),
            row_headers=True,
        )
    )
    doc.add(Heading(2, say("finance_heading", language, year=str(quarter.year))))
    rows = finance_summary(quarter.year, [cluster.code])
    doc.add(
        Table(
            (
                say("budget", language, year=str(quarter.year)),
                say("spend", language),
                say("spend_unknown", language),
            ),
            tuple(
                (
                    format_gbp_text(r["budget_gbp"]),
                    format_gbp_text(r["spend_gbp"]),
                    format_gbp_text(r["unallocated_gbp"]),
                )
                for r in rows
            ),
            numeric_columns=(0, 1, 2),
        )
    )
    doc.add(Heading(2, say("outcomes_heading", language)))
    figures = [
        Figure(spec, alt, caption)
        for project in projects.values()
        for spec, alt, caption in _outcome_charts(project, str(quarter))
    ]
    if figures:
        doc.add(*figures)
    else:
        doc.add(Paragraph(say("no_outcomes", language)))
    return doc


def format_gbp_text(amount: str) -> str:
    return format_gbp(Decimal(amount))
