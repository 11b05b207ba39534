"""The quarterly Cluster Project Monitoring Report, written from the monitoring summary in the layout
of the Hywel Dda committee paper (seed 002): the bilingual cover table, the SBAR sections with Welsh
and English headings, the figures in sentences, the RAG definitions, the risk grid, the charts, the
flagged, finished and for-review lists, the financial position and the recommendations.

`build_monitoring_paper` is pure: the summary dict (see cymuned.portfolio.monitoring), the meeting,
the scope and the definitions in force in; a Document out. In `both`, every section's text is set Welsh beside English, and the
tables and charts between carry bilingual labels.
"""

from dataclasses import dataclass, field

from cymuned.periods import Quarter
from cymuned.portfolio.coverage import SUBSTANTIALLY_IN_PCT, substantially_in

from . import sentences
from .charts import rag_chart, trend_chart
from .document import BulletList, CoverTable, Document, Figure, Heading, Paragraph, Run, SideBySide, Table
from .numbers import digits
from .paper_details import details_tables
from .paper_parts import (
    PaperDefinitions,
    definitions_table,
    finance_table,
    finished_lines,
    flagged_lines,
    grid_table,
    review_lines,
    synthetic_note,
)
from .scope import Meeting, Scope
from .wording import cover, heading, long_date, say

LANGUAGES = ("en", "cy", "both")


@dataclass(frozen=True)
class Context:
    summary: dict
    scope: Scope
    quarter: Quarter
    definitions: PaperDefinitions
    themes: dict = field(default_factory=dict, hash=False)  # {theme: {cluster code: projects}}

    @property
    def year(self) -> str:
        return str(self.quarter.year)

    @property
    def year_slash(self) -> str:
        return self.year.replace("-", "/")

    @property
    def month(self) -> int:
        """The financial month at the end of the quarter (Month 12 at year end)."""
        return self.quarter.months[-1]


def _situation(ctx: Context, lang: str, wide: str) -> list:
    return [Paragraph.of(say("situation_text", lang, year=ctx.year))]


def _background(ctx: Context, lang: str, wide: str) -> list:
    return [
        Paragraph.of(sentences.background_clusters(ctx.scope, lang)),
        Paragraph.of(say("background_collaboratives", lang)),
        Paragraph.of(sentences.background_projects(ctx.summary["projects"], ctx.scope, lang)),
        Paragraph.of(say("background_contract", lang)),
    ]


# A paper lists at most this many lines under each heading, then says how many more there are and
# where every one is. A committee reads a paper of a few pages; a board's paper at national scale
# would otherwise run to a hundred pages of bullets (3,600 lines for one board of the bench's data
# set, 25,000 for Wales), which no one reads and which took WeasyPrint most of a minute to set. Each
# cluster's data pack, the project list (filtered by status) and the summary API list them all.
LISTED_AT_MOST = 100


def _listing(title_key: str, lines: list[str], lang: str) -> list:
    blocks: list = [
        Paragraph((Run(say(title_key, lang), bold=True),), keep_with_next=True),
        BulletList.of(*lines[:LISTED_AT_MOST]) if lines else Paragraph.of(say("none", lang)),
    ]
    if len(lines) > LISTED_AT_MOST:
        blocks.append(Paragraph.of(say("listed_more", lang, count=digits(len(lines) - LISTED_AT_MOST))))
    return blocks


def _assessment(ctx: Context, lang: str, wide: str) -> list:
    s, q = ctx.summary, ctx.quarter
    blocks: list = [
        Heading(3, say("cluster_projects", lang)),
        Paragraph.of(say("data_pack_text", lang)),
    ]
    overview = sentences.themes_overview(ctx.themes, ctx.scope, lang)
    if overview:
        blocks.append(Paragraph.of(overview))
    if s["projects"] == 0:
        return [*blocks, Paragraph.of(say("no_projects", lang, quarter=q.number, year=ctx.year_slash))]
    rag_spec, rag_alt = rag_chart(s["rag"], wide)
    trend_spec, trend_alt = trend_chart(s["trend"], wide)
    blocks += [
        Paragraph.of(sentences.position(s["projects"], q.number, ctx.year_slash, lang)),
        Heading(3, say("target", lang)),
        Paragraph.of(sentences.target(s, ctx.scope, lang)),
        Figure(rag_spec, rag_alt, _caption("rag_chart", wide)),
        definitions_table(wide, ctx.definitions.meanings),
        Heading(3, say("trend", lang)),
        Paragraph.of(sentences.trend(s, lang)),
        Figure(trend_spec, trend_alt, _caption("trend_chart", wide)),
        Paragraph.of(say("grid_text", lang)),
        grid_table(s["grid"], wide, ctx.definitions.zones),
        Paragraph((Run(say("flagged_intro", lang)),), keep_with_next=True),
    ]
    red = [item for item in s["flagged"] if item["rag"] == "red"]
    other = [item for item in s["flagged"] if item["rag"] != "red"]
    blocks += _listing("red_heading", flagged_lines(red, ctx.scope, lang), lang)
    if other:
        blocks += _listing("amber_heading", flagged_lines(other, ctx.scope, lang), lang)
    if red:
        blocks.append(Paragraph.of(say("lessons_text", lang)))
    blocks += _listing("grey_heading", finished_lines(s.get("finished", []), ctx.scope, q.end, lang), lang)
    blocks += _listing("yellow_heading", review_lines(s.get("for_review", []), ctx.scope), lang)
    return blocks


def _finance(ctx: Context, lang: str, wide: str) -> list:
    rows = ctx.summary.get("finance", [])
    blocks: list = [Heading(3, say("finance_heading", lang, year=ctx.year_slash))]
    if not rows:
        return [*blocks, Paragraph.of(say("no_budgets", lang, year=ctx.year_slash))]
    final = ctx.quarter.number == 4
    spend = say("spend_end_of_year", lang) if final else say("spend_to_date", lang, month=ctx.month)
    note = synthetic_note(rows, ctx.scope, lang)
    return [
        *blocks,
        Paragraph.of(say("finance_text", lang, spend=spend)),
        finance_table(rows, ctx.scope, wide, ctx.year, final),
        *([note] if note else []),
        Heading(3, say("finance_data", lang)),
        Paragraph.of(sentences.finance_data(rows, ctx.scope, lang)),
    ]


def _recommendation(ctx: Context, lang: str, wide: str) -> list:
    note = say("note", lang)
    final = ctx.quarter.number == 4
    position = say("note_final", lang) if final else say("note_position", lang, month=ctx.month)
    return [
        Paragraph((Run(say("committee_asked", lang)),), keep_with_next=True),
        BulletList(
            tuple(
                Paragraph.of(text, bold_lead=note)
                for text in (say("note_process", lang), say("note_finance", lang), position)
            )
        ),
    ]


def _caption(key: str, lang: str) -> str:
    return f"{say(key, 'cy')} / {say(key, 'en')}" if lang == "both" else say(key, lang)


SECTIONS = (
    ("situation", (_situation,)),
    ("background", (_background,)),
    ("assessment", (_assessment, _finance)),
    ("recommendation", (_recommendation,)),
)
WIDE = (Table, Figure)  # set across the page in `both`, with bilingual labels


def side_by_side(welsh: list, english: list) -> list:
    """Welsh beside English for running text; tables and charts (built bilingual, the same in both
    lists) across the page between them."""
    if len(welsh) != len(english):
        raise ValueError("the Welsh and English sections differ in shape")
    out: list = []
    left: list = []
    right: list = []
    for cy, en in zip(welsh, english, strict=True):
        if isinstance(cy, WIDE):
            if left:
                out.append(SideBySide(tuple(left), tuple(right)))
                left, right = [], []
            out.append(cy)
        else:
            left.append(cy)
            right.append(en)
    if left:
        out.append(SideBySide(tuple(left), tuple(right)))
    return out


def _cover(meeting: Meeting, language: str) -> CoverTable:
    def pick(en: str, cy: str) -> str:
        return {"en": en, "cy": cy or en, "both": f"{cy}\n{en}" if cy and cy != en else en}[language]

    when = ""
    if meeting.date:
        when = pick(long_date(meeting.date, "en"), long_date(meeting.date, "cy"))
    purpose = "for_decision" if meeting.for_decision else "for_information"
    return CoverTable(
        committee=(meeting.committee_cy.upper(), meeting.committee_en.upper()),
        rows=(
            (cover("date_of_meeting"), when),
            (cover("title_of_report"), pick(meeting.title_en, meeting.title_cy)),
            (cover("lead_director"), pick(meeting.lead_director_en, meeting.lead_director_cy)),
            (cover("reporting_officer"), pick(meeting.reporting_officer_en, meeting.reporting_officer_cy)),
            (cover("purpose"), "/".join(_PURPOSE[purpose])),
        ),
    )


_PURPOSE = {
    "for_information": ("Er Gwybodaeth", "For Information"),
    "for_decision": ("Er Penderfyniad", "For Decision"),
}


MISSING_NAMED = 50  # codes of projects without a return named on the first page; the rest are counted


def _coverage(ctx: Context, lang: str, wide: str) -> list:
    """How complete the quarter's returns are, and a warning when they are not substantially in."""
    found = ctx.summary.get("coverage")
    if not found:
        return []
    missing = list(found["missing"])
    named = ""
    if missing:
        codes = ", ".join(missing[:MISSING_NAMED])
        if len(missing) > MISSING_NAMED:
            codes += say("coverage_more", lang, n=digits(len(missing) - MISSING_NAMED))
        named = say("coverage_missing", lang, codes=codes)
    blocks: list = []
    if not substantially_in(found["with_return"], found["monitored"]):
        pct = f"{SUBSTANTIALLY_IN_PCT:f}"
        text = say("coverage_incomplete", lang, pct=pct, quarter=ctx.quarter.number, year=ctx.year_slash)
        blocks.append(Paragraph((Run(text, bold=True),)))
    line = say(
        "coverage", lang, with_return=digits(found["with_return"]), monitored=digits(found["monitored"]), missing=named
    )
    return [*blocks, Paragraph.of(line)]


def build_monitoring_paper(
    summary: dict,
    meeting: Meeting,
    language: str = "en",
    scope: Scope | None = None,
    themes: dict | None = None,
    *,
    definitions: PaperDefinitions,
    quarter: Quarter | None = None,
) -> Document:
    """`themes` ({theme: {cluster code: number of projects}}) gives the thematic overview;
    `definitions` are those in force for the quarter (`quarter`, else the summary's period)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    quarter = quarter or Quarter.parse(summary["period"])
    ctx = Context(summary, scope or Scope.from_summary(summary), quarter, definitions, themes or {})
    title = {"en": meeting.title_en, "cy": meeting.title_cy, "both": f"{meeting.title_cy} / {meeting.title_en}"}
    blocks: list = [_cover(meeting, language)]
    if language == "both":
        blocks += side_by_side(_coverage(ctx, "cy", "both"), _coverage(ctx, "en", "both"))
    else:
        blocks += _coverage(ctx, language, language)
    blocks.append(Heading(1, heading("sbar")))
    for key, parts in SECTIONS:
        blocks.append(Heading(2, heading(key)))
        for part in parts:
            if language == "both":
                blocks += side_by_side(part(ctx, "cy", "both"), part(ctx, "en", "both"))
            else:
                blocks += part(ctx, language, language)
    blocks += details_tables(meeting.details, language, meeting.committee_en, meeting.committee_cy)
    return Document(title=title[language], language=language, blocks=tuple(blocks))
