"""A Document as HTML with the NHS.UK design system's classes: a fragment for the app's page, and a
standalone page with a print stylesheet that WeasyPrint turns into the PDF. Charts are inline SVG
rendered by vl-convert from the same Vega-Lite spec the web pages draw; no script anywhere."""

from pathlib import Path

from django.utils.html import escape

from cymuned import charts

from .charts import for_document
from .document import (
    FILLS,
    BulletList,
    Cell,
    CoverTable,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    SideBySide,
    Table,
)
from .wording import say

PRINT_CSS = (Path(__file__).parent / "print.css").read_text(encoding="utf-8")
# On the printed page a list item's bullet is text at the start of the item (a bullet and an en space),
# hanging into the indent by print.css: WeasyPrint lays out a list marker, or a ::before bullet, as a
# box of its own for every item, which for a paper listing thousands of projects nearly doubled the
# PDF's time. The list stays ul and li, so the tagged PDF keeps it as a list.
PRINTED_BULLET = "\u2022\u2002"
HEADING_CLASSES = {1: "nhsuk-heading-l", 2: "nhsuk-heading-m", 3: "nhsuk-heading-s", 4: "nhsuk-heading-xs"}


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _paragraph(block: Paragraph) -> str:
    return "".join(f"<strong>{_text(r.text)}</strong>" if r.bold else _text(r.text) for r in block.runs)


def _cell(
    tag: str, value: str | Cell, classes: list[str], attributes: str = "", shift: int = 0, printed: bool = False
) -> str:
    found = value if isinstance(value, Cell) else Cell(str(value))
    if found.fill:
        classes = [*classes, f"cymuned-fill--{found.fill}"]
    if found.align:
        classes = [*classes, "cymuned-centre" if found.align == "center" else "cymuned-number"]
    content = f"<strong>{_text(found.text)}</strong>" if found.bold and tag == "td" else _text(found.text)
    content += "".join(_block(b, shift, printed) for b in found.blocks)
    return f'<{tag} class="{" ".join(classes)}"{attributes}>{content}</{tag}>'


def _table(block: Table, shift: int, printed: bool) -> str:
    keep = " cymuned-keep" if block.compact else ""
    # On a page, a wide table scrolls inside its own focusable region rather than the whole page.
    first = block.header[0] if block.header else ""
    label = block.caption or (first.text if isinstance(first, Cell) else first)
    region = f' role="region" aria-label="{escape(label)}" tabindex="0"' if label else ""
    parts = [f'<div class="cymuned-table-wrapper{keep}"{region}><table class="nhsuk-table cymuned-report-table">']
    if block.caption:
        parts.append(f'<caption class="nhsuk-table__caption">{_text(block.caption)}</caption>')
    parts.append("<thead>")
    corner = 2 if block.row_group else 1
    if block.column_group:
        parts.append(
            f'<tr><td class="nhsuk-table__header" colspan="{corner}"></td>'
            f'<th scope="colgroup" colspan="{len(block.header) - 1}" class="nhsuk-table__header cymuned-centre">'
            f"{_text(block.column_group)}</th></tr>"
        )
    cells = ['<td class="nhsuk-table__header"></td>'] if block.row_group else []
    for index, text in enumerate(block.header):
        numeric = ["cymuned-number"] if index in block.numeric_columns else []
        scope = ' scope="col"' if (text.text if isinstance(text, Cell) else text) else ""
        # An empty heading (a corner above row headings) is a plain cell, not a header without a name.
        cells.append(_cell("th" if scope else "td", text, ["nhsuk-table__header", *numeric], scope, shift, printed))
    parts.append("<tr>" + "".join(cells) + "</tr></thead><tbody>")
    for r, row in enumerate(block.rows):
        cells = []
        if block.row_group and r == 0:
            cells.append(
                f'<th scope="rowgroup" rowspan="{len(block.rows)}" class="nhsuk-table__header">'
                f"{_text(block.row_group)}</th>"
            )
        for index, value in enumerate(row):
            numeric = ["cymuned-number"] if index in block.numeric_columns else []
            if index == 0 and block.row_headers:
                cells.append(_cell("th", value, ["nhsuk-table__header"], ' scope="row"', shift, printed))
            else:
                cells.append(_cell("td", value, ["nhsuk-table__cell", *numeric], "", shift, printed))
        parts.append('<tr class="nhsuk-table__row">' + "".join(cells) + "</tr>")
    parts.append("</tbody></table></div>")
    return "".join(parts)


def _figure(block: Figure) -> str:
    svg = charts.to_svg(for_document(block.spec))  # vl-convert's rendering of our own spec: trusted markup
    return (
        f'<figure class="cymuned-report-figure"><div class="cymuned-report-figure__chart" role="img" '
        f'aria-label="{escape(block.alt_text)}">{svg}</div>'
        f'<figcaption class="cymuned-report-figure__caption">{_text(block.caption)}</figcaption></figure>'
    )


def _cover(block: CoverTable) -> str:
    names = "".join(f"<strong>{escape(name)}</strong><br>" for name in block.committee)
    rows = "".join(
        f'<tr class="nhsuk-table__row"><th scope="row" class="nhsuk-table__header">{_text(label)}</th>'
        f'<td class="nhsuk-table__cell">{_text(value)}</td></tr>'
        for label, value in block.rows
    )
    return (
        f'<div class="cymuned-cover"><p class="cymuned-cover__committee">{names.removesuffix("<br>")}</p>'
        f'<table class="nhsuk-table cymuned-cover__table"><tbody>{rows}</tbody></table></div>'
    )


def _side_by_side(block: SideBySide, shift: int, printed: bool) -> str:
    """One row per pair of blocks, so a long section breaks between rows across pages."""
    pad = max(len(block.left), len(block.right))
    left = (*block.left, *([None] * (pad - len(block.left))))
    right = (*block.right, *([None] * (pad - len(block.right))))

    def keep(a, b) -> str:  # a heading or lead-in row stays with the row after it (issue 13, item 16)
        leads = any(isinstance(x, Heading) or (isinstance(x, Paragraph) and x.keep_with_next) for x in (a, b))
        return ' class="cymuned-keep-next"' if leads else ""

    rows = "".join(
        f'<tr{keep(a, b)}><td lang="{block.left_language}">{_block(a, shift, printed) if a else ""}</td>'
        f'<td lang="{block.right_language}">{_block(b, shift, printed) if b else ""}</td></tr>'
        for a, b in zip(left, right, strict=True)
    )
    return (
        f'<table class="cymuned-side-by-side"><thead><tr><th scope="col" lang="{block.left_language}">'
        f'{escape(block.left_label)}</th><th scope="col" lang="{block.right_language}">{escape(block.right_label)}'
        f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _block(block, shift: int = 0, printed: bool = False) -> str:
    if isinstance(block, Heading):
        level = min(block.level + shift, 6)
        return f'<h{level} class="{HEADING_CLASSES.get(level, "")}">{_text(block.text)}</h{level}>'
    if isinstance(block, Paragraph):
        keep = ' class="cymuned-keep-next"' if block.keep_with_next else ""
        return f"<p{keep}>{_paragraph(block)}</p>"
    if isinstance(block, BulletList):
        bullet = PRINTED_BULLET if printed else ""
        items = "".join(f"<li>{bullet}{_paragraph(item)}</li>" for item in block.items)
        return f'<ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>'
    if isinstance(block, Table):
        return _table(block, shift, printed)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, CoverTable):
        return _cover(block)
    if isinstance(block, SideBySide):
        return _side_by_side(block, shift, printed)
    if isinstance(block, PageBreak):
        return '<div class="cymuned-page-break"></div>'
    raise TypeError(f"cannot write a {type(block).__name__} as HTML")


def render_fragment(document: Document, shift: int = 1, printed: bool = False) -> str:
    """The document's body for a page that has its own <h1>: its headings one level down; `printed`,
    for the standalone page (the PDF's source), with each list item's bullet written as text."""
    return "".join(_block(block, shift, printed) for block in document.blocks)


def _page_label(language: str) -> str:
    label = f"{say('page', 'cy')} / {say('page', 'en')}" if language == "both" else say("page", language)
    return label.replace('"', "")


def render_page(document: Document) -> str:
    """A standalone A4 page: the source of the PDF, and the `--format html` file."""
    lang = "cy" if document.language == "cy" else "en"
    fills = "".join(f".cymuned-fill--{name} {{ background: #{colour}; }}\n" for name, colour in FILLS.items())
    footer = f'@page {{ @bottom-right {{ content: "{_page_label(document.language)} " counter(page); }} }}'
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(document.title)}</title>'
        f"<style>{PRINT_CSS}\n{fills}{footer}</style></head>"
        f'<body><main class="cymuned-paper">{render_fragment(document, shift=0, printed=True)}</main></body></html>'
    )
