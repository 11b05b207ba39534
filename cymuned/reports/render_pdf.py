"""A Document as PDF: WeasyPrint prints the standalone HTML page (render_html.render_page) to A4
with its print stylesheet, so the PDF says exactly what the HTML says."""

from .document import Document
from .render_html import render_page


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported late: heavy, and only documents need it

    return HTML(string=render_page(document)).write_pdf(pdf_tags=True)
