"""Writing a report in a format: gather the data, build the document, render it."""

from dataclasses import dataclass

from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn

from .document import Document
from .models import Committee
from .monitoring import monitoring_summary
from .paper import Meeting, Scope, build_monitoring_paper
from .render_docx import render_docx
from .render_html import render_page
from .render_pdf import render_pdf


@dataclass(frozen=True)
class Format:
    render: object
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


def meeting_of(committee: Committee) -> Meeting:
    return Meeting(
        committee_en=committee.name_en,
        committee_cy=committee.name_cy,
        date=committee.meeting_date.strftime("%d %B %Y") if committee.meeting_date else "",
        title_en=committee.title_en,
        title_cy=committee.title_cy,
        lead_director=committee.lead_director,
        reporting_officer=committee.reporting_officer,
        for_decision=committee.for_decision,
    )


def scope_of(period: str, clusters: list[str] | None, health_board: str | None, visible: set[int] | None) -> Scope:
    """The clusters the paper speaks of: those with returns in the period, narrowed as asked."""
    with_returns = MonitoringReturn.objects.filter(period=period).values("project__clusters")
    units = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(pk__in=with_returns)
    if clusters:
        units = units.filter(code__in=clusters)
    if health_board:
        on = Quarter.parse(period).end
        units = units.filter(pk__in=Membership.objects.on(on).filter(parent__code=health_board).values("child_id"))
    if visible is not None:
        units = units.filter(pk__in=visible)
    units = list(units)
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).filter(child_links__child__in=units).distinct()
    board = boards.first() if boards.count() == 1 else None
    return Scope(
        board_en=board.name_en if board else "NHS Wales",
        board_cy=board.name_cy if board else "GIG Cymru",
        cluster_names={u.code: (u.name_en, u.name_cy or u.name_en) for u in units},
    )


def monitoring_document(
    period: str,
    language: str = "en",
    committee: Committee | None = None,
    clusters: list[str] | None = None,
    health_board: str | None = None,
    visible: set[int] | None = None,
) -> Document:
    period = str(Quarter.parse(period))
    summary = monitoring_summary(period, clusters=clusters, health_board=health_board, visible=visible)
    scope = scope_of(period, clusters, health_board, visible)
    return build_monitoring_paper(summary, meeting_of(committee or Committee.default()), scope, language)


def write(document: Document, fmt: str) -> bytes:
    return FORMATS[fmt].render(document)
