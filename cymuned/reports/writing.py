"""Writing a report: gather the data (the only module here that queries for the paper), build the
document with the pure builders, render it in a format.

`monitoring_document` and `write` are what the command, the pages and the benchmark call; a data pack is
written by `data_pack.write_data_pack`.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count

from cymuned.definitions.versions import in_force
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn, Project
from cymuned.portfolio.monitoring import monitoring_summary
from cymuned.portfolio.rag import meanings

from .document import Document
from .models import Committee
from .monitoring_paper import build_monitoring_paper
from .paper_parts import PaperDefinitions
from .render_docx import render_docx
from .render_html import render_page
from .render_pdf import render_pdf
from .scope import ClusterName, Meeting, Scope
from .wording import say


@dataclass(frozen=True)
class Format:
    render: Callable[[Document], bytes]
    content_type: str
    extension: str


FORMATS = {
    "docx": Format(
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "pdf": Format(render_pdf, "application/pdf", "pdf"),
    "html": Format(lambda document: render_page(document).encode("utf-8"), "text/html; charset=utf-8", "html"),
}


def write(document: Document, fmt: str) -> bytes:
    return FORMATS[fmt].render(document)


def cluster_names(units, on: date) -> tuple[ClusterName, ...]:
    """Clusters with their county, in the paper's order: by county, then by code."""
    units = list(units)
    counties = {
        link.child_id: link.parent
        for link in Membership.objects.on(on).filter(child__in=units, parent__kind=Kind.COUNTY).select_related("parent")
    }
    named = [
        ClusterName(
            unit.code,
            unit.name_en,
            unit.name_cy,
            counties[unit.pk].name_en if unit.pk in counties else "",
            (counties[unit.pk].name_cy or counties[unit.pk].name_en) if unit.pk in counties else "",
        )
        for unit in units
    ]
    return tuple(sorted(named, key=lambda c: (c.county_en, c.code)))


def paper_definitions(quarter: Quarter) -> PaperDefinitions:
    """The RAG meanings and the risk grid's zones in force at the end of the paper's quarter."""
    return PaperDefinitions(
        meanings=meanings(in_force("rag", quarter.end).content),
        zones=in_force("risk-grid", quarter.end).content["zones"],
    )


def scope_of(
    quarter: Quarter,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
) -> Scope:
    """The clusters a paper speaks of: a health board's clusters on the last day of the quarter, or
    (no board given) those chosen, or else the clusters with returns in the period; narrowed to those
    chosen and to those the reader may see. A chosen cluster with no return is still the paper's
    subject: its paper says it has none."""
    on = quarter.end
    units = OrgUnit.objects.of_kind(Kind.CLUSTER)
    if health_board:
        in_board = Membership.objects.on(on).filter(parent__code=health_board).values("child_id")
        units = units.filter(pk__in=in_board)
    elif not clusters:
        units = units.filter(pk__in=MonitoringReturn.objects.filter(period=str(quarter)).values("project__clusters"))
    if clusters:
        units = units.filter(code__in=clusters)
    if visible is not None:
        units = units.filter(pk__in=visible)
    named = cluster_names(units, on)
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD)
    if health_board:
        boards = boards.filter(code=health_board)
    else:
        in_use = Membership.objects.on(on).filter(child__code__in=[c.code for c in named]).values("parent_id")
        boards = boards.filter(pk__in=in_use)
    found = list(boards[:2])
    if len(found) == 1:
        return Scope(found[0].name_en, found[0].name_cy or found[0].name_en, named)
    return Scope(say("wales", "en"), say("wales", "cy"), named)


def project_themes(quarter: Quarter, cluster_codes: list[str], visible: set[int] | None = None) -> dict:
    """{theme: {cluster code: number of projects}} of the projects monitored in the quarter (with a
    return) in these clusters: what the paper's thematic overview is written from."""
    projects = Project.objects.filter(returns__period=str(quarter)).exclude(theme="")
    links = Project.clusters.through.objects.filter(project__in=projects, orgunit__code__in=cluster_codes)
    if visible is not None:
        links = links.filter(orgunit__in=visible)
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # counted by the database (a board's paper: a few hundred groups rather than thousands of links)
    counted = links.values_list("project__theme", "orgunit__code").annotate(n=Count("pk")).order_by()
    for theme, code, n in counted:
        found[theme.strip()][code] += n
    return {theme: dict(clusters) for theme, clusters in found.items()}


def monitored_projects(quarter: Quarter, cluster_codes: list[str]) -> int:
    """How many projects of these clusters have a return for the quarter: the size of their paper, which
    decides whether it is written in the background (background.py). One count, no rows fetched."""
    links = Project.clusters.through.objects.filter(orgunit__code__in=cluster_codes).values("project_id")
    return MonitoringReturn.objects.filter(period=str(quarter), project_id__in=links).count()


def monitoring_document(
    quarter: Quarter,
    language: str = "en",
    committee: Committee | None = None,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
    meeting_date: date | None = None,
) -> Document:
    """The committee paper for a quarter. The committee's health board is the paper's unless
    another is given; without a committee, the published paper's cover details are used. The quarter
    is parsed once, where it came in (page or command), and travels as a Quarter."""
    if health_board is None and committee is not None and committee.health_board:
        health_board = committee.health_board.code
    summary = monitoring_summary(quarter, clusters=clusters, health_board=health_board, visible=visible)
    scope = scope_of(quarter, clusters, health_board, visible)
    meeting = committee.meeting() if committee else Meeting.default()
    if meeting_date is not None:
        meeting = replace(meeting, date=meeting_date)
    themes = project_themes(quarter, [c.code for c in scope.clusters], visible)
    return build_monitoring_paper(
        summary, meeting, language, scope, themes, definitions=paper_definitions(quarter), quarter=quarter
    )
