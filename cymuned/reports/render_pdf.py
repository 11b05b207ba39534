"""A Document as PDF: WeasyPrint prints the standalone HTML page (render_html.render_page) to A4
with its print stylesheet, so the PDF says exactly what the HTML says."""

from .document import Document
from .render_html import render_page


def _remembered_page_references() -> None:
    """Make pydyf's `PDF.page_references` remember its answer while the page count stays the same.

    WeasyPrint reads it for every element it tags (pdf_tags, for screen readers), and pydyf builds the
    reference of every page each time: a paper for all of Wales (630 pages, 130,000 tagged elements)
    spent a third of its time there. The answer is the same tuple, so the PDF is unchanged."""
    import pydyf

    if getattr(pydyf.PDF, "_cymuned_remembers_pages", False):
        return
    plain = pydyf.PDF.page_references

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        found = pdf.__dict__.get("_cymuned_page_references")
        if found is None or found[0] != count:
            found = (count, plain.fget(pdf))
            pdf.__dict__["_cymuned_page_references"] = found
        return found[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._cymuned_remembers_pages = True


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported late: heavy, and only documents need it

    _remembered_page_references()
    return HTML(string=render_page(document)).write_pdf(pdf_tags=True)
