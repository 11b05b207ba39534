"""The quarterly Cluster Project Monitoring Report, written from the data in the layout of the
Hywel Dda committee paper: cover table, SBAR sections, figures in sentences, definitions, risk grid,
flags, finance and recommendations."""

import json
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from cymuned.money import format_gbp
from cymuned.periods import Quarter

from .charts import rag_chart, trend_chart
from .document import Bullets, Document, Figure, Heading, KeyValues, Paragraph, SideBySide, Table
from .wording import both, number, say

RAG_DEFINITIONS = json.loads((Path(__file__).parent / "rag_definitions.json").read_text(encoding="utf-8"))
LANGUAGES = ("en", "cy", "both")


@dataclass(frozen=True)
class Meeting:
    committee_en: str
    committee_cy: str
    date: str
    title_en: str
    title_cy: str
    lead_director: str
    reporting_officer: str
    for_decision: bool = False


@dataclass(frozen=True)
class Scope:
    """Who the paper is about: the health board and its clusters' names by code."""

    board_en: str
    board_cy: str
    cluster_names: dict  # code -> (English, Welsh)


def _grouped(items: list[dict]) -> list[str]:
    """'Optometry Equipment (LL, NC, SC)': one line per project name, clusters gathered."""
    groups: OrderedDict[str, list[str]] = OrderedDict()
    for item in sorted(items, key=lambda i: i["name"]):
        groups.setdefault(item["name"], []).extend(item["clusters"])
    return [f"{name} ({', '.join(dict.fromkeys(codes))})" for name, codes in groups.items()]


def _flagged_lines(summary: dict) -> list[str]:
    groups: OrderedDict[str, dict] = OrderedDict()
    for item in sorted(summary["flagged"], key=lambda i: (i["rag"] != "red", i["name"])):
        group = groups.setdefault(
            item["name"],
            {"clusters": [], "narrative": item["narrative"], "reasons": item["reasons"]},
        )
        group["clusters"].extend(item["clusters"])
    return [
        f"{name} ({', '.join(dict.fromkeys(g['clusters']))}) – {g['narrative'] or '; '.join(g['reasons'])}"
        for name, g in groups.items()
    ]


def _numbers(summary: dict, language: str) -> dict:
    values = {f"{k}_pct": v for k, v in summary["rag_pct"].items()}
    values |= {f"{k}_pct": v for k, v in summary["trend_pct"].items()}
    values |= {k: v for k, v in summary["rag"].items()}
    values |= {k: number(v, language) for k, v in summary["trend"].items()}
    return values


def _section_blocks(section: str, summary: dict, scope: Scope, language: str) -> list:
    quarter = Quarter.parse(summary["period"])
    year = str(quarter.year)
    clusters = number(len(scope.cluster_names), language)
    if section == "situation":
        return [Paragraph(say("situation_text", language, year=year))]
    if section == "background":
        names = ", ".join(
            f"{(en if language == 'en' else cy)} ({code})"
            for code, (en, cy) in sorted(scope.cluster_names.items(), key=lambda x: x[1][0])
        )
        board = scope.board_en if language == "en" else scope.board_cy
        return [
            Paragraph(
                say(
                    "background_text",
                    language,
                    clusters=clusters,
                    board=board,
                    names=names,
                    projects=summary["projects"],
                )
            )
        ]
    if section == "assessment":
        numbers = _numbers(summary, language)
        rag_spec, rag_alt = rag_chart(summary, language)
        trend_spec, trend_alt = trend_chart(summary, language)
        return [
            Heading(3, say("cluster_projects", language)),
            Paragraph(
                say(
                    "position_text",
                    language,
                    projects=summary["projects"],
                    quarter=quarter.number,
                    year=year,
                )
            ),
            Heading(3, say("target", language)),
            Paragraph(
                say(
                    "target_text",
                    language,
                    clusters=clusters,
                    projects=summary["projects"],
                    **numbers,
                )
            ),
            Figure(rag_spec, rag_alt, say("rag_status", language)),
            Heading(3, say("trend", language)),
            Paragraph(say("trend_text", language, **numbers)),
            Figure(trend_spec, trend_alt, say("trend", language)),
            Paragraph(say("grid_text", language)),
            Paragraph(say("flagged_intro", language)),
            Heading(3, say("red_heading", language)),
            Bullets(tuple(_flagged_lines(summary)) or (say("none", language),)),
            Heading(3, say("grey_heading", language)),
            Bullets(tuple(_grouped(summary["finished"])) or (say("none", language),)),
            Heading(3, say("yellow_heading", language)),
            Bullets(tuple(_grouped(summary["for_review"])) or (say("none", language),)),
        ]
    if section == "finance":
        return [Paragraph(say("finance_text", language))]
    if section == "recommendation":
        return [
            Paragraph(say("committee_asked", language)),
            Paragraph(say("note_process", language), bold_lead=say("note", language)),
            Paragraph(say("note_finance", language), bold_lead=say("note", language)),
            Paragraph(
                say("note_position", language, period=summary["period"]),
                bold_lead=say("note", language),
            ),
        ]
    raise ValueError(section)


def _label(key: str, language: str, **values) -> str:
    return both(key, **values) if language == "both" else say(key, language, **values)


def _definitions_table(language: str) -> Table:
    rows = []
    for rag in ("red", "amber", "green"):
        langs = ("cy", "en") if language == "both" else (language,)
        text = " / ".join("; ".join(RAG_DEFINITIONS[rag][lang]) for lang in langs)
        rows.append((_label(rag, language), text))
    return Table(
        (_label("rag_status", language), _label("status_indicates", language)),
        tuple(rows),
        row_headers=True,
    )


def _grid_table(summary: dict, language: str) -> Table:
    rows = []
    for trend in ("worsening", "stable", "improving"):
        cells = [
            str(summary["grid"][trend][rag]) if summary["grid"][trend][rag] else "-"
            for rag in ("green", "amber", "red")
        ]
        rows.append((_label(trend, language), *cells))
    header = ("", *(_label(rag, language) for rag in ("green", "amber", "red")))
    return Table(
        header,
        tuple(rows),
        caption=_label("risk_grid", language),
        numeric_columns=(1, 2, 3),
        row_headers=True,
    )


def _finance_table(summary: dict, scope: Scope, language: str, year: str) -> Table:
    rows = []
    totals = [Decimal(0)] * 3
    lang = "en" if language != "cy" else "cy"
    for row in summary.get("finance", []):
        en, cy = scope.cluster_names.get(row["cluster"], (row.get("name", row["cluster"]), ""))
        amounts = [
            Decimal(row["budget_gbp"]),
            Decimal(row["spend_gbp"]),
            Decimal(row["unallocated_gbp"]),
        ]
        totals = [t + a for t, a in zip(totals, amounts, strict=True)]
        rows.append(((cy or en) if lang == "cy" else en, *(format_gbp(a) for a in amounts)))
    rows.append((_label("total", language), *(format_gbp(t) for t in totals)))
    header = (
        _label("cluster", language),
        _label("budget", language, year=year),
        _label("spend", language),
        _label("spend_unknown", language),
    )
    return Table(header, tuple(rows), numeric_columns=(1, 2, 3), row_headers=True)


def build_monitoring_paper(summary: dict, meeting: Meeting, scope: Scope, language: str = "en") -> Document:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    year = str(Quarter.parse(summary["period"]).year)
    committee = {
        "en": meeting.committee_en,
        "cy": meeting.committee_cy,
        "both": f"{meeting.committee_cy} / {meeting.committee_en}",
    }[language]
    title = {
        "en": meeting.title_en,
        "cy": meeting.title_cy,
        "both": f"{meeting.title_cy} / {meeting.title_en}",
    }[language]
    doc = Document(title=title, language=language)
    doc.add(Heading(1, committee.upper()))
    purpose = "for_decision" if meeting.for_decision else "for_information"
    doc.add(
        KeyValues(
            (
                (_cover("date_of_meeting"), meeting.date),
                (_cover("title_of_report"), title),
                (_cover("lead_director"), meeting.lead_director),
                (_cover("reporting_officer"), meeting.reporting_officer),
                (both("purpose"), both(purpose)),
            )
        )
    )
    doc.add(Heading(1, _label("sbar", language)))

    def section(key: str, heading: str, level: int = 2):
        doc.add(Heading(level, heading))
        if language == "both":
            doc.add(
                SideBySide(
                    tuple(_section_blocks(key, summary, scope, "cy")),
                    tuple(_section_blocks(key, summary, scope, "en")),
                )
            )
        else:
            doc.add(*_section_blocks(key, summary, scope, language))

    section("situation", both("situation"))
    section("background", both("background"))
    section("assessment", both("assessment"))
    doc.add(Heading(3, _label("rag_status", language)), _definitions_table(language))
    doc.add(Heading(3, _label("risk_grid", language)), _grid_table(summary, language))
    section("finance", _label("finance_heading", language, year=year), level=3)
    doc.add(_finance_table(summary, scope, language, year))
    section("recommendation", both("recommendation"))
    return doc


def _cover(key: str) -> str:
    """Cover labels are always bilingual, Welsh first, as the paper prints them."""
    return f"{say(key, 'cy')}: {say(key, 'en')}:"
