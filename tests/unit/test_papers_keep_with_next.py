"""Issue 13, item 16: in the side-by-side paper a heading or lead-in never ends a page: its row does not
split and keeps with the next (Word), and is not broken after (PDF's HTML)."""

import io

from docx import Document as WordDocument

from cymuned.reports.document import BulletList, Document, Paragraph, Run, SideBySide
from cymuned.reports.render_docx import render_docx
from cymuned.reports.render_html import render_fragment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paper() -> Document:
    lead_cy = Paragraph((Run("Llwyd – prosiectau wedi gorffen:", bold=True),), keep_with_next=True)
    lead_en = Paragraph((Run("Grey – projects finished:", bold=True),), keep_with_next=True)
    listed = BulletList.of("Trial Without Catheter (AG, LL)")
    return Document("Paper", "both", (SideBySide((lead_cy, listed), (lead_en, listed)),))


def test_the_lead_in_row_keeps_with_the_list_in_word():
    word = WordDocument(io.BytesIO(render_docx(paper())))
    table = word.tables[0]
    header, lead, listed = table.rows
    assert header._tr.trPr.find(f"{W}tblHeader") is not None  # the header row repeats
    assert lead._tr.trPr.find(f"{W}cantSplit") is not None
    assert all(p.paragraph_format.keep_with_next for cell in lead.cells for p in cell.paragraphs)
    assert not any(p.paragraph_format.keep_with_next for cell in listed.cells for p in cell.paragraphs)


def test_the_lead_in_row_is_not_broken_after_in_the_pdf():
    html = render_fragment(paper())
    assert '<tr class="cymuned-keep-next"><td lang="cy">' in html
    assert html.count("cymuned-keep-next") == 1 + html.count('<p class="cymuned-keep-next"')
