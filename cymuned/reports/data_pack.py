"""A cluster's data pack for a quarter: its figures in the paper's sentences, its projects with their
RAG status at each return, what is flagged, its finance, and the outcome charts that exist for its
projects. `gather_data_pack` reads the database; `build_data_pack` is pure."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.module_loading import import_string

from cymuned import periods
from cymuned.indicators import charts as indicator_charts
from cymuned.indicators.dashboard import Compared, Dashboard, Row
from cymuned.indicators.dashboard import build as build_dashboard
from cymuned.indicators.data import years_with_data
from cymuned.indicators.findings import key_findings
from cymuned.money import format_gbp
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn, Project
from cymuned.portfolio.monitoring import monitoring_summary

from . import sentences
from .charts import rag_chart, trend_chart
from .document import BulletList, Cell, Document, Figure, Heading, Paragraph, Run, Table
from .paper_parts import flagged_lines, short_year, synthetic_note
from .scope import ClusterName, Scope
from .wording import say
from .writing import scope_of, write

# A capability that draws charts for projects offers `charts_for_projects(projects, period)` returning
# {project id: [(Vega-Lite spec, alternative text, caption[, data table])]}, read for all the projects at
# once. The outcomes app does; none is needed.
OUTCOME_CHARTS = "cymuned.outcomes.charts.charts_for_projects"
MOST_PERIODS = 8  # two years of quarterly returns fit across a page


@dataclass(frozen=True)
class ProjectHistory:
    code: str
    name: str
    statuses: tuple[str, ...]  # per period: green, amber, red or "" (no return)


@dataclass(frozen=True)
class DataPack:
    cluster: ClusterName
    scope: Scope
    summary: dict
    periods: tuple[str, ...]
    history: tuple[ProjectHistory, ...]
    outcome_charts: tuple[tuple[str, tuple], ...] = field(default=())  # (project name, ((spec, alt, caption), …))
    indicators: Dashboard | None = None  # the Key Indicator Dashboard of the latest year with data


def outcome_charts_for(projects, period: str, provider_path: str = OUTCOME_CHARTS) -> dict[int, list]:
    """The charts another capability offers for the projects, by project id; none if it offers no
    such hook."""
    try:
        provider = import_string(provider_path)
    except ImportError:
        return {}
    return dict(provider(list(projects), period) or {})


def gather_data_pack(code: str, quarter: Quarter) -> DataPack:
    cluster = OrgUnit.objects.filter(code=code, kind=Kind.CLUSTER).first()
    if cluster is None:
        raise LookupError(f"{code} is not a cluster code")
    period = str(quarter)
    scope = scope_of(quarter, clusters=[cluster.code], health_board=_board_code(cluster, quarter))
    if not scope.clusters:  # a cluster outside any board on that date
        scope = Scope(scope.board_en, scope.board_cy, (ClusterName(cluster.code, cluster.name_en, cluster.name_cy),))
    returns = (
        MonitoringReturn.objects.filter(project__clusters=cluster, period__lte=period)
        .values_list("project_id", "project__code", "project__name", "period", "status")
        .order_by("period")
    )
    rows = list(returns)
    periods = tuple(sorted({row[3] for row in rows})[-MOST_PERIODS:])
    found: dict[int, dict] = {}
    for project_id, project_code, name, when, status in rows:
        if when in periods:
            found.setdefault(project_id, {"code": project_code, "name": name, "by": {}})["by"][when] = status or ""
    history = tuple(
        ProjectHistory(p["code"], p["name"], tuple(p["by"].get(when, "") for when in periods))
        for p in sorted(found.values(), key=lambda p: (p["name"], p["code"]))
    )
    charts = []
    projects = list(Project.objects.filter(pk__in=found).order_by("name", "code"))
    offered = outcome_charts_for(projects, period)
    for project in projects:
        made = offered.get(project.pk)
        if made:
            charts.append((f"{project.name} ({project.code})", tuple(made)))
    summary = monitoring_summary(period, clusters=[cluster.code])
    return DataPack(scope.clusters[0], scope, summary, periods, history, tuple(charts), _dashboard(cluster, period))


def _dashboard(cluster: OrgUnit, period: str) -> Dashboard | None:
    """The cluster's Key Indicator Dashboard for the latest year with register data up to the
    quarter's year (a fixed number of queries, whatever the number of practices)."""
    year = Quarter.parse(period).year
    years = [y for y in years_with_data() if y.start_year <= year.start_year]
    return build_dashboard(cluster, years[-1]) if years else None


def _board_code(cluster: OrgUnit, quarter: Quarter) -> str | None:
    link = (
        Membership.objects.on(quarter.end)
        .filter(child=cluster, parent__kind=Kind.HEALTH_BOARD)
        .select_related("parent")
        .first()
    )
    return link.parent.code if link else None


def _history_table(pack: DataPack, language: str) -> Table:
    rows = tuple(
        (
            Cell(f"{p.name} ({p.code})", bold=True),
            *(Cell(say(s, language) if s else "–", fill=s, align="center") for s in p.statuses),
        )
        for p in pack.history
    )
    header: tuple[str | Cell, ...] = (
        say("project", language),
        *(Cell(periods.in_words(p, language), align="center") for p in pack.periods),
    )
    widths = (4, *((1,) * len(pack.periods)))
    return Table(header, rows, caption=say("history_caption", language), row_headers=True, widths=widths)


def _finance_table(rows: list[dict], year: str, final: bool, language: str) -> Table:
    keys = ("budget_gbp", "spend_gbp", "variance_gbp", "unallocated_gbp")
    header = (
        say("budget", language, year=short_year(year)),
        say("eoy_spend" if final else "ytd_spend", language),
        say("variance", language),
        say("spend_unknown", language),
    )
    body = tuple(tuple(format_gbp(Decimal(str(row[key]))) for key in keys) for row in rows)
    return Table(header, body, numeric_columns=(0, 1, 2, 3))


def _compared_cell(row: Row, compared: Compared | None, language: str) -> str:
    if compared is None or not compared.figure.shown:
        return "–"
    text = row.text(compared.figure.value) or "–"
    if compared.figure.basis == "sum_of_practices":
        text += f" ({say('sum_of_practices', language)})"
    c = compared.comparison
    word = c.judgement.value if c.judgement is not None and c.judgement.value != "similar" else None
    word = word or (c.significance.value if c.significance is not None else None)
    return f"{text} · {say(word, language)}" if word else text


def _indicator_blocks(dashboard: Dashboard | None, language: str) -> list:
    """Key findings in sentences, the spine chart and the table of values with their intervals against
    the board and Wales (significance in words), in the pack's language."""
    if dashboard is None:
        return [Heading(2, say("indicators_heading_plain", language)), Paragraph.of(say("no_indicators", language))]
    blocks: list = [Heading(2, say("indicators_heading", language, year=str(dashboard.year).replace("-", "/")))]
    with translation.override(language):
        findings = key_findings(dashboard)
        spine = indicator_charts.spine(dashboard, None)
        names = [row.name for row in dashboard.rows]
        area = dashboard.unit.name
    blocks.append(BulletList.of(*findings) if findings else Paragraph.of(say("no_findings", language)))
    if spine["data"]["values"]:
        blocks.append(Figure(spine, spine["description"], say("spine_caption", language)))
    rows = []
    for name, row in zip(names, dashboard.rows, strict=True):
        f = row.figure
        if f.suppressed:
            own = say("withheld", language)
        elif f.lower_95 is not None:
            own = f"{row.text(f.value)} ({row.text(f.lower_95)}–{row.text(f.upper_95)})"
        else:
            own = row.text(f.value) or "–"
        if f.basis == "sum_of_practices" and not f.suppressed:
            own += f" ({say('sum_of_practices', language)})"
        unit = " (%)" if row.definition.unit == "percent" else ""
        rows.append(
            (
                Cell(f"{name}{unit}", bold=True),
                own,
                *((_compared_cell(row, row.board, language),) if dashboard.board else ()),
                _compared_cell(row, row.wales, language),
            )
        )
    board_name = (
        dashboard.board.name_cy
        if language == "cy" and dashboard.board and dashboard.board.name_cy
        else (dashboard.board.name_en if dashboard.board else "")
    )
    header: tuple[str | Cell, ...] = (
        say("indicator", language),
        say("indicator_value", language),
        *((board_name,) if dashboard.board else ()),
        say("wales_area", language),
    )
    caption = say(
        "indicators_caption",
        language,
        area=area,
        board=board_name or say("wales_area", language),
        on=dashboard.on.isoformat(),
    )
    blocks.append(Table(header, tuple(rows), caption=caption, row_headers=True, widths=(3, 2, 2, 2)[: len(header)]))
    return blocks


def build_data_pack(pack: DataPack, language: str = "en") -> Document:
    if language not in ("en", "cy"):
        raise ValueError("a data pack is written in en or cy")
    quarter = Quarter.parse(pack.summary["period"])
    year = str(quarter.year)
    name = f"{pack.cluster.name(language)} ({pack.cluster.code})"
    title = f"{say('data_pack', language)}: {name}"
    when = say("quarter_of", language, quarter=quarter.number, year=year.replace("-", "/"))
    s = pack.summary
    blocks: list = [
        Heading(1, title),
        Paragraph((Run(when, bold=True), Run(f" · {pack.scope.board(language)}"))),
        Heading(2, say("summary_heading", language)),
    ]
    if s["projects"]:
        rag_spec, rag_alt = rag_chart(s["rag"], language)
        trend_spec, trend_alt = trend_chart(s["trend"], language)
        blocks += [
            Paragraph.of(sentences.target(s, pack.scope, language)),
            Paragraph.of(sentences.trend(s, language)),
            Figure(rag_spec, rag_alt, say("rag_chart", language)),
            Figure(trend_spec, trend_alt, say("trend_chart", language)),
        ]
    else:
        blocks.append(Paragraph.of(say("no_projects", language, quarter=quarter.number, year=year.replace("-", "/"))))
    if pack.history:
        blocks += [Heading(2, say("projects_heading", language)), _history_table(pack, language)]
    blocks.append(Heading(2, say("flagged_heading", language)))
    red = [item for item in s["flagged"] if item["rag"] == "red"]
    other = [item for item in s["flagged"] if item["rag"] != "red"]
    for key, items in (("red_heading", red), ("amber_heading", other)):
        if items:
            blocks += [
                Paragraph((Run(say(key, language), bold=True),), keep_with_next=True),
                BulletList.of(*flagged_lines(items, pack.scope, language)),
            ]
    if not s["flagged"]:
        blocks.append(Paragraph.of(say("none", language)))
    blocks.append(Heading(2, say("finance_heading", language, year=year.replace("-", "/"))))
    finance = s.get("finance") or []
    if finance:
        blocks.append(_finance_table(finance, year, quarter.number == 4, language))
        note = synthetic_note(finance, pack.scope, language)
        if note:
            blocks.append(note)
    else:
        blocks.append(Paragraph.of(say("no_budgets", language, year=year.replace("-", "/"))))
    blocks.append(Heading(2, say("outcomes_heading", language)))
    for project, charts in pack.outcome_charts:
        blocks.append(Heading(3, project))
        for spec, alt, caption, *table in charts:
            blocks.append(Figure(spec, alt, caption))
            if table and table[0] is not None:  # the chart's figures, its alternative
                blocks.append(Table(table[0].header, table[0].rows, caption=table[0].caption, row_headers=True))
    if not pack.outcome_charts:
        blocks.append(Paragraph.of(say("no_outcomes", language)))
    blocks += _indicator_blocks(pack.indicators, language)
    return Document(title=f"{title} – {when}", language=language, blocks=tuple(blocks))


def data_pack_document(code: str, quarter: Quarter, language: str = "en") -> Document:
    return build_data_pack(gather_data_pack(code, quarter), language)


def write_data_pack(cluster: str, quarter: Quarter, fmt: str = "docx", language: str = "en") -> bytes:
    return write(data_pack_document(cluster, quarter, language), fmt)
