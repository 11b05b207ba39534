"""The paper's tables and lists, built from the summary: the RAG definitions, the risk grid, the
financial position, and the flagged / finished / for-review lines ("Optometry Equipment (LL, NC,
SC) – …"). Tables take "en", "cy" or "both" (bilingual labels); lists take "en" or "cy"."""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from cymuned.money import format_gbp

from .document import BulletList, Cell, Paragraph, Table
from .numbers import digits
from .scope import Scope
from .wording import month, say

RAG_KEYS = ("green", "amber", "red")
GRID_ROWS = ("worsening", "stable", "improving")  # as the paper prints the grid, worst first


@dataclass(frozen=True)
class PaperDefinitions:
    """The definitions in force for the paper's quarter, as the definitions app holds them:
    `meanings` what each RAG status means (portfolio.rag.meanings of the `rag` definition) and
    `zones` the risk grid's areas (the `risk-grid` definition's zones[trend][status])."""

    meanings: dict[str, dict[str, Any]] = field(hash=False)
    zones: dict[str, dict[str, str]] = field(hash=False)


def label(key: str, language: str, **values) -> str:
    if language == "both":
        return f"{say(key, 'cy', **values)} / {say(key, 'en', **values)}"
    return say(key, language, **values)


def _definition(meanings: dict, rag: str, language: str) -> tuple:
    found = meanings[rag]
    return (Paragraph.of(found["intro"][language]), BulletList.of(*found[language]))


def definitions_table(language: str, meanings: dict[str, dict[str, Any]]) -> Table:
    """The seed's 'RAG Status | Status Indicates' table, from the RAG definition in force."""
    rows: list[tuple[Cell, ...]] = []
    for rag in ("red", "amber", "green"):
        name = Cell(label(rag, language), fill=rag, bold=True)
        if language == "both":
            rows.append(
                (name, Cell(blocks=_definition(meanings, rag, "cy")), Cell(blocks=_definition(meanings, rag, "en")))
            )
        else:
            rows.append((name, Cell(blocks=_definition(meanings, rag, language))))
    if language == "both":
        header: tuple[str, ...] = (
            label("rag_status", "both"),
            say("status_indicates", "cy"),
            say("status_indicates", "en"),
        )
        return Table(header, tuple(rows), row_headers=True, widths=(1, 3, 3))
    header = (say("rag_status", language), say("status_indicates", language))
    return Table(header, tuple(rows), row_headers=True, widths=(1, 4))


def grid_table(grid: dict, language: str, zones: dict[str, dict[str, str]]) -> Table:
    """Rows Worsening / Stable / Improving by columns Green / Amber / Red; '-' for none; each cell
    filled with its zone of the risk grid."""
    rows = tuple(
        (
            Cell(label(trend, language), bold=True),
            *(
                Cell(digits(grid[trend][rag]) if grid[trend][rag] else "-", fill=zones[trend][rag], align="center")
                for rag in RAG_KEYS
            ),
        )
        for trend in GRID_ROWS
    )
    return Table(
        ("", *(Cell(label(rag, language), bold=True, align="center") for rag in RAG_KEYS)),
        rows,
        caption=label("risk_grid", language),
        row_headers=True,
        column_group=label("rag", language),
        row_group=label("trend", language),
        widths=(2, 3, 2, 2, 2),
    )


def short_year(year: str) -> str:
    """'2024-25' → '24/25', as the paper heads its budget column."""
    start, end = year.split("-")
    return f"{start[-2:]}/{end}"


def finance_table(rows: list[dict], scope: Scope, language: str, year: str, final: bool) -> Table:
    """Cluster | 24/25 Budget | EoY Spend (or YTD Spend) | Spend Unknown, with a total."""
    ordered = sorted(rows, key=lambda row: scope.position(row["cluster"]))
    amounts = [[Decimal(str(row[key])) for key in ("budget_gbp", "spend_gbp", "unallocated_gbp")] for row in ordered]
    body = []
    for row, money in zip(ordered, amounts, strict=True):
        named = scope.named(row["cluster"])
        if named.name_en == named.code and row.get("name"):
            name = row["name"]
        elif language == "both" and named.name("cy") != named.name_en:
            name = f"{named.name('cy')} / {named.name_en}"
        else:
            name = named.name("cy" if language == "cy" else "en")
        body.append((name, *(format_gbp(amount) for amount in money)))
    totals = [sum(column, Decimal(0)) for column in zip(*amounts, strict=True)] if amounts else [Decimal(0)] * 3
    body.append(tuple(Cell(text, bold=True) for text in (label("total", language), *map(format_gbp, totals))))
    header = (
        label("cluster", language),
        label("budget", language, year=short_year(year)),
        label("eoy_spend" if final else "ytd_spend", language),
        label("spend_unknown", language),
    )
    return Table(header, tuple(body), numeric_columns=(1, 2, 3), row_headers=True, widths=(3, 2, 2, 2))


def synthetic_note(rows: list[dict], scope: Scope, language: str) -> Paragraph | None:
    """A note under the financial position when any of its spend is synthetic (made up for the
    demonstration: finance.SpendLine.synthetic), naming the clusters unless it is all of them."""
    made_up = sorted((row for row in rows if row.get("synthetic")), key=lambda row: scope.position(row["cluster"]))
    if not made_up:
        return None
    if len(made_up) == len(rows):
        return Paragraph.of(say("synthetic_spend_all", language))
    names = []
    for row in made_up:
        named = scope.named(row["cluster"])
        names.append(row.get("name") or named.code if named.name_en == named.code else named.name(language))
    return Paragraph.of(say("synthetic_spend_some", language, clusters=", ".join(names)))


def _codes(codes, scope: Scope) -> str:
    return ", ".join(sorted(dict.fromkeys(codes), key=scope.position))


def _grouped(items: list[dict], scope: Scope, key) -> list[tuple[tuple, list[str], dict]]:
    """Items gathered by key (name, and what is said of them), their clusters joined, listed in
    the paper's order: by the first cluster, then by name."""
    groups: OrderedDict[tuple, tuple[list[str], dict]] = OrderedDict()
    for item in items:
        groups.setdefault(key(item), ([], item))[0].extend(item["clusters"])
    found = [(k, sorted(dict.fromkeys(codes), key=scope.position), item) for k, (codes, item) in groups.items()]
    return sorted(found, key=lambda g: (scope.position(g[1][0]) if g[1] else (len(scope.clusters), ""), g[2]["name"]))


def in_language(item: dict, key: str, language: str) -> str:
    """A project's name or narrative in the paper's language: the Welsh when written; in a Welsh paper
    without it, the English marked "(Saesneg yn unig)" — every time, the same way (issue 13)."""
    english = (item.get(key) or "").strip()
    if language != "cy" or not english:
        return english
    welsh = (item.get(f"{key}_cy") or "").strip()
    return welsh or f"{english} {say('english_only', 'cy')}"


def flagged_lines(items: list[dict], scope: Scope, language: str = "en") -> list[str]:
    """'Optometry Equipment (LL, NC, SC) – Data is not being received …'"""
    lines = []
    for _key, codes, item in _grouped(items, scope, lambda i: (i["name"], i.get("narrative") or "")):
        said = in_language(item, "narrative", language) or "; ".join(item.get("reasons") or ())
        lines.append(f"{in_language(item, 'name', language)} ({_codes(codes, scope)})" + (f" – {said}" if said else ""))
    return lines


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def finished_lines(items: list[dict], scope: Scope, quarter_end: date, language: str) -> list[str]:
    """'Trial Without Catheter (AG, LL, …) – project ceased in February 2025.'"""

    def ended(item: dict) -> str:
        end = _as_date(item.get("end_date"))
        return (
            ""
            if end is None
            else say("ceased" if end <= quarter_end else "ending", language, month=month(end, language))
        )

    lines = []
    for (name, said), codes, _item in _grouped(items, scope, lambda i: (i["name"], ended(i))):
        lines.append(f"{name} ({_codes(codes, scope)})" + (f" – {said}" if said else ""))
    return lines


def review_lines(items: list[dict], scope: Scope) -> list[str]:
    """'Area 43 (NC, SC)': one line per project, its clusters gathered."""
    return [
        f"{name} ({_codes(codes, scope)})" for (name,), codes, _item in _grouped(items, scope, lambda i: (i["name"],))
    ]
