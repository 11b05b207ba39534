"""The paper as a Word document with real heading and table styles, header rows that repeat, and
pictures that carry alternative text."""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from cymuned import charts

from .document import Bullets, Document, Figure, Heading, KeyValues, Paragraph, SideBySide, Table

NHS_BLUE = RGBColor(0x00, 0x5E, 0xB8)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _add_block(container, block) -> None:
    """Write one block into the document or into a table cell (both have add_paragraph)."""
    if isinstance(block, Heading):
        if hasattr(container, "add_heading"):
            container.add_heading(block.text, level=min(block.level, 4))
        else:
            container.add_paragraph(block.text, style=f"Heading {min(block.level, 4)}")
    elif isinstance(block, Paragraph):
        paragraph = container.add_paragraph()
        if block.bold_lead:
            paragraph.add_run(block.bold_lead + " ").bold = True
        paragraph.add_run(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            container.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _add_table(container, block)
    elif isinstance(block, KeyValues):
        table = container.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for key, value in block.pairs:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = key, value
            cells[0].paragraphs[0].runs[0].bold = True
            _shade(cells[0], "E8EDEE")
        container.add_paragraph()
    elif isinstance(block, Figure):
        png = charts.to_png(block.spec)
        paragraph = container.add_paragraph()
        run = paragraph.add_run()
        picture = run.add_picture(io.BytesIO(png), width=Cm(11))
        doc_properties = picture._inline.docPr
        doc_properties.set("descr", block.alt)
        doc_properties.set("title", block.caption)
        container.add_paragraph(block.caption, style="Caption")
    elif isinstance(block, SideBySide):
        table = container.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        for cell, blocks in zip(table.rows[0].cells, (block.left, block.right), strict=True):
            cell.paragraphs[0].text = ""
            for inner in blocks:
                _add_block(cell, inner)
        container.add_paragraph()
    else:
        raise TypeError(type(block))


def _add_table(container, block: Table) -> None:
    if block.caption:
        container.add_paragraph(block.caption, style="Caption")
    table = container.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for index, text in enumerate(block.header):
        cell = header.cells[index]
        cell.text = text
        if cell.paragraphs[0].runs:
            cell.paragraphs[0].runs[0].bold = True
        _shade(cell, "E8EDEE")
    for row in block.rows:
        cells = table.add_row().cells
        for index, value in enumerate(row):
            cells[index].text = value
            paragraph = cells[index].paragraphs[0]
            if index in block.numeric_columns:
                paragraph.alignment = 2  # right
            if index == 0 and block.row_headers and paragraph.runs:
                paragraph.runs[0].bold = True
    container.add_paragraph()


def render_docx(document: Document) -> bytes:
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    for level in (1, 2, 3):
        style = word.styles[f"Heading {level}"]
        style.font.name, style.font.color.rgb = "Arial", NHS_BLUE
    word.core_properties.title = document.title
    word.core_properties.language = "cy-GB" if document.language == "cy" else "en-GB"
    for block in document.blocks:
        _add_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
