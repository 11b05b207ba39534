"""The paper as PDF, printed by WeasyPrint from the same HTML the app shows."""

from .document import Document
from .render_html import render_page


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported late: it is heavy and only documents need it

    return HTML(string=render_page(document)).write_pdf()
