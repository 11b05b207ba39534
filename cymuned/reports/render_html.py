"""The paper as HTML: a fragment for the app's page, and a standalone page that WeasyPrint prints."""

from django.utils.html import escape

from cymuned import charts

from .document import Bullets, Document, Figure, Heading, KeyValues, Paragraph, SideBySide, Table

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: Arial, "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #212b32; line-height: 1.4; }
h1 { font-size: 16pt; color: #005eb8; margin: 0 0 8pt; } h2 { font-size: 13pt; margin: 14pt 0 6pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; page-break-inside: avoid; }
th, td { border: 0.5pt solid #768692; padding: 3pt 5pt; vertical-align: top; text-align: left; }
thead th { background: #e8edee; } td.num, th.num { text-align: right; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
figure { margin: 6pt 0; page-break-inside: avoid; } figcaption { font-size: 9pt; color: #4c6272; }
.side-by-side { page-break-inside: auto; table-layout: fixed; }
.side-by-side td { width: 50%; border: none; border-left: 2pt solid #e8edee; }
.side-by-side table { page-break-inside: auto; }
figure svg { max-width: 100%; height: auto; }
"""


def _table(block: Table) -> str:
    parts = ['<table class="nhsuk-table">']
    if block.caption:
        parts.append(f'<caption class="nhsuk-table__caption">{escape(block.caption)}</caption>')
    parts.append(
        "<thead><tr>"
        + "".join(
            f'<th scope="col" class="nhsuk-table__header{" num" if i in block.numeric_columns else ""}">{escape(h)}</th>'
            for i, h in enumerate(block.header)
        )
        + "</tr></thead><tbody>"
    )
    for row in block.rows:
        cells = []
        for i, value in enumerate(row):
            numeric = " num cymuned-number" if i in block.numeric_columns else ""
            if i == 0 and block.row_headers:
                cells.append(f'<th scope="row" class="nhsuk-table__header">{escape(value)}</th>')
            else:
                cells.append(f'<td class="nhsuk-table__cell{numeric}">{escape(value)}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def render_block(block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        lead = f"<strong>{escape(block.bold_lead)}</strong> " if block.bold_lead else ""
        return f"<p>{lead}{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return (
            '<ul class="nhsuk-list nhsuk-list--bullet">'
            + "".join(f"<li>{escape(i)}</li>" for i in block.items)
            + "</ul>"
        )
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, KeyValues):
        rows = "".join(f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in block.pairs)
        return f'<table class="nhsuk-table cymuned-cover"><tbody>{rows}</tbody></table>'
    if isinstance(block, Figure):
        svg = charts.to_svg(block.spec)
        # the SVG is vl-convert's output for our own spec: trusted markup
        return f'<figure role="img" aria-label="{escape(block.alt)}">{svg}<figcaption>{escape(block.caption)}</figcaption></figure>'
    if isinstance(block, SideBySide):
        left = "".join(render_block(b) for b in block.left)
        right = "".join(render_block(b) for b in block.right)
        return f'<table class="side-by-side"><tr><td lang="cy">{left}</td><td lang="en">{right}</td></tr></table>'
    raise TypeError(type(block))


def render_fragment(document: Document) -> str:
    return "".join(render_block(b) for b in document.blocks)


def render_page(document: Document) -> str:
    lang = "cy" if document.language == "cy" else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(document.title)}</title>'
        f"<style>{PRINT_CSS}</style></head><body>{render_fragment(document)}</body></html>"
    )
