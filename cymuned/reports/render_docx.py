"""A Document as a Word file: the built-in "Heading 1–3" styles (so Word's navigation pane shows the
sections), "Table Grid" tables whose header rows repeat on every page (w:tblHeader), pictures with
alternative text (docPr descr), page numbers in the footer, and the text marked Welsh or English
(w:lang) so spelling and screen readers follow the language.

Paragraphs, runs and table cells are written as WordprocessingML elements directly rather than through
python-docx's objects: its `add_paragraph(style=…)` looks the style up among all the template's styles
on every call, and appending to the body searches the body for its section properties, so a paper for
all of Wales (some 19,000 listed projects) took most of a minute in python-docx alone. The XML written
is what python-docx writes.
"""

import io
from functools import cache

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

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

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
HEADER_FILL = "E8EDEE"
HEADING_SIZES = {1: 14, 2: 13, 3: 11.5}
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB", "both": "en-GB"}
NHS_DARK_BLUE = RGBColor(0x00, 0x30, 0x87)


def _lang(element, language: str) -> None:
    """Mark a run or style's text as Welsh or English."""
    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), LANGUAGE_TAGS[language])
    rpr.append(tag)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


@cache
def _style_ids() -> dict[str, str]:
    """The style ids of the paragraph styles used, from the default template every paper is written
    on, looked up once rather than on every paragraph."""
    styles = WordDocument().styles
    return {name: styles[name].style_id for name in ("List Bullet", "Caption", *(f"Heading {n}" for n in (1, 2, 3)))}


_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run_element(text: str, bold: bool, language: str, line_break: bool):
    """A w:r holding one line of text (tabs as w:tab), bold and marked with its language as asked,
    ended by a w:br when another line follows."""
    run = OxmlElement("w:r")
    if bold or language:
        properties = OxmlElement("w:rPr")
        if bold:
            properties.append(OxmlElement("w:b"))
        if language:
            tag = OxmlElement("w:lang")
            tag.set(qn("w:val"), LANGUAGE_TAGS[language])
            properties.append(tag)
        run.append(properties)
    for index, piece in enumerate(text.split("\t")):
        if index:
            run.append(OxmlElement("w:tab"))
        if piece:
            element = OxmlElement("w:t")
            element.text = piece
            if piece != piece.strip():
                element.set(_SPACE, "preserve")
            run.append(element)
    if line_break:
        run.append(OxmlElement("w:br"))
    return run


def _write_text(paragraph, text: str, bold: bool = False, language: str = "") -> None:
    """Lines of text into a paragraph (a python-docx Paragraph or a w:p), a line break between them."""
    p = paragraph._p if isinstance(paragraph, WordParagraph) else paragraph
    lines = text.split("\n")
    for index, line in enumerate(lines):
        p.append(_run_element(line, bold, language, index < len(lines) - 1))


def _element(container):
    """The element paragraphs are appended to: the document's body or a cell's w:tc."""
    return container._tc if isinstance(container, _Cell) else container.element.body


def _append(container, element) -> None:
    parent = _element(container)
    try:
        last = parent[-1]  # lxml finds the last child at once; len() would count every child
    except IndexError:
        last = None
    if last is not None and last.tag == qn("w:sectPr"):  # the body ends with its section properties
        last.addprevious(element)
    else:
        parent.append(element)


def _p_element(style: str | None = None, keep_with_next: bool = False, align: str = ""):
    """A w:p with its properties in the schema's order (style, keep with next, alignment)."""
    p = OxmlElement("w:p")
    if style or keep_with_next or align:
        properties = OxmlElement("w:pPr")
        if style:
            element = OxmlElement("w:pStyle")
            element.set(qn("w:val"), _style_ids()[style])
            properties.append(element)
        if keep_with_next:
            properties.append(OxmlElement("w:keepNext"))
        if align:
            element = OxmlElement("w:jc")
            element.set(qn("w:val"), align)
            properties.append(element)
        p.append(properties)
    return p


def _new_paragraph(container, style: str | None = None, reuse: bool = True, keep_with_next: bool = False):
    """A w:p to write into: a new cell's one empty paragraph is used first (unless `reuse` is False)."""
    if reuse and isinstance(container, _Cell):
        tc = container._tc
        paragraphs = tc.findall(qn("w:p"))
        if len(paragraphs) == 1 and paragraphs[0].find(qn("w:r")) is None and tc.find(qn("w:tbl")) is None:
            if style:
                paragraphs[0].style = _style_ids()[style]
            if keep_with_next:
                paragraphs[0].get_or_add_pPr().keepNext_val = True
            return paragraphs[0]
    p = _p_element(style, keep_with_next)
    _append(container, p)
    return p


def _paragraph(container, block: Paragraph, style: str | None = None, language: str = ""):
    p = _new_paragraph(container, style, keep_with_next=block.keep_with_next)
    for run in block.runs:
        _write_text(p, run.text, run.bold, language)
    return p


def _cell(cell, value: str | Cell, numeric: bool = False, language: str = "", header: bool = False) -> None:
    found = value if isinstance(value, Cell) else Cell(str(value))
    if found.text or not found.blocks:
        p = _new_paragraph(cell)
        _write_text(p, found.text, found.bold or header, language)
        align = found.align or ("right" if numeric else "")
        if align:
            p.get_or_add_pPr().jc_val = ALIGN[align]
    for block in found.blocks:
        _add(cell, block, language)
    if found.fill:
        _shade(cell, FILLS[found.fill])
    elif header:
        _shade(cell, HEADER_FILL)


def _widths(table, weights: tuple[int, ...]) -> None:
    """Column widths in the table grid (LibreOffice reads these) and on every cell (Word does); a
    merged cell is as wide as the columns it spans."""
    total = sum(weights)
    widths = [Cm(TEXT_WIDTH_CM * weight / total) for weight in weights]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for tr in table._tbl.tr_lst:
        start = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            if start < len(widths):
                tc.width = Cm(sum(widths[start : start + span]) / Cm(1))
            start += span


def _keep_together(table) -> None:
    """Keep a small table on one page: no row splits, and every row keeps with the next."""
    rows = table._tbl.tr_lst
    for index, tr in enumerate(rows):
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if index < len(rows) - 1:
            for tc in tr.tc_lst:
                for p in tc.findall(qn("w:p")):
                    p.get_or_add_pPr().keepNext_val = True


def _table(container, block: Table, language: str) -> None:
    if block.caption:
        caption = _new_paragraph(container, "Caption", reuse=False, keep_with_next=True)
        _write_text(caption, block.caption, language=language)
    offset = 1 if block.row_group else 0
    columns = len(block.header) + offset
    header_rows = 2 if block.column_group else 1
    table = container.add_table(rows=header_rows + len(block.rows), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    rows = table._tbl.tr_lst  # taken before any merge: each row has one w:tc per column

    def cells(r: int) -> list[_Cell]:
        return [_Cell(tc, table) for tc in rows[r].tc_lst]

    for r in range(header_rows):
        _repeat_header(table.rows[r])
    header = cells(header_rows - 1)
    body = [cells(r) for r in range(header_rows, len(rows))]
    if block.column_group:
        group = table.cell(0, offset + 1).merge(table.cell(0, columns - 1))
        _cell(group, block.column_group, language=language, header=True)
        group.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, text in enumerate(block.header):
        _cell(header[index + offset], text, index in block.numeric_columns, language, header=True)
    if block.column_group:  # the corner above the row headers
        corner = table.cell(0, 0).merge(table.cell(0, offset))
        _shade(corner, HEADER_FILL)
        if offset:
            _shade(table.cell(1, 0), HEADER_FILL)
    for row, row_cells in zip(block.rows, body, strict=True):
        for index, value in enumerate(row):
            bold = index == 0 and block.row_headers
            if bold and not isinstance(value, Cell):
                value = Cell(value, bold=True)
            _cell(row_cells[index + offset], value, index in block.numeric_columns, language)
    if block.row_group:
        group = table.cell(header_rows, 0).merge(table.cell(header_rows + len(block.rows) - 1, 0))
        _cell(group, Cell(block.row_group, bold=True), language=language, header=True)
    weights = block.widths or (
        (2,) * offset + (3,) + (2,) * (len(block.header) - 1) if block.numeric_columns else (1,) * columns
    )
    _widths(table, weights)
    if block.compact:
        _keep_together(table)
    _new_paragraph(container, reuse=False)


def _figure(container, block: Figure, language: str) -> None:
    png = charts.to_png(for_document(block.spec))
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(11))
    properties = picture._inline.docPr
    properties.set("descr", block.alt_text)
    properties.set("title", block.caption)
    caption = container.add_paragraph(style="Caption")
    _write_text(caption, block.caption, language=language)


def _cover(container, block: CoverTable) -> None:
    for name in block.committee:
        paragraph = container.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(name)
        run.bold, run.font.size = True, Pt(13)
    container.add_paragraph()
    table = container.add_table(rows=len(block.rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, block.rows, strict=True):
        _cell(row.cells[0], Cell(label, bold=True, fill="grey"))
        _cell(row.cells[1], value)
    _widths(table, (2, 3))
    container.add_paragraph()


def _side_by_side(container, block: SideBySide) -> None:
    """One row per pair of blocks, Welsh beside English, under a header row that repeats."""
    pairs = max(len(block.left), len(block.right))
    table = container.add_table(rows=1 + pairs, cols=2)
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    _cell(table.cell(0, 0), block.left_label, language=block.left_language, header=True)
    _cell(table.cell(0, 1), block.right_label, language=block.right_language, header=True)
    for column, (blocks, language) in enumerate(
        ((block.left, block.left_language), (block.right, block.right_language))
    ):
        for row, inner in enumerate(blocks, start=1):
            _add(table.cell(row, column), inner, language)
    # A row that holds a heading or a lead-in ("Grey – projects finished:") never ends a page: it does
    # not split and keeps with the row after it (issue 13, item 16).
    for row in range(1, pairs):
        pair = [blocks[row - 1] for blocks in (block.left, block.right) if row - 1 < len(blocks)]
        if any(leads_in(inner) for inner in pair):
            table.rows[row]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell in table.rows[row].cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    _widths(table, (1, 1))
    container.add_paragraph()


def leads_in(block) -> bool:
    """A heading, or a paragraph that introduces what follows."""
    return isinstance(block, Heading) or (isinstance(block, Paragraph) and block.keep_with_next)


def _add(container, block, language: str = "") -> None:
    """Write one block into the body or into a table cell (both have add_paragraph / add_table)."""
    if isinstance(block, Heading):
        paragraph = _new_paragraph(container, f"Heading {min(block.level, 3)}")
        _write_text(paragraph, block.text, language=language)
    elif isinstance(block, Paragraph):
        _paragraph(container, block, language=language)
    elif isinstance(block, BulletList):
        for item in block.items:
            _paragraph(container, item, style="List Bullet", language=language)
    elif isinstance(block, Table):
        _table(container, block, language)
    elif isinstance(block, Figure):
        _figure(container, block, language)
    elif isinstance(block, CoverTable):
        _cover(container, block)
    elif isinstance(block, SideBySide):
        _side_by_side(container, block)
    elif isinstance(block, PageBreak):
        container.add_page_break()
    else:
        raise TypeError(f"cannot write a {type(block).__name__} to Word")


def _plain_fonts(word) -> None:
    """Arial everywhere: drop the template's theme fonts, which would otherwise win."""
    for rfonts in word.styles.element.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attribute), "Arial")


def _styles(word, language: str) -> None:
    _plain_fonts(word)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    _lang(normal.element, "cy" if language == "cy" else "en")
    for level, size in HEADING_SIZES.items():
        style = word.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = "Arial", Pt(size), True
        style.font.color.rgb = NHS_DARK_BLUE
        style.paragraph_format.space_before = Pt(12 if level < 3 else 8)
    caption = word.styles["Caption"]
    caption.font.name, caption.font.size, caption.font.italic = "Arial", Pt(9), False


def _page_numbers(section, language: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = f"{say('page', 'cy')} / {say('page', 'en')}" if language == "both" else say("page", language)
    paragraph.add_run(f"{label} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def render_docx(document: Document) -> bytes:
    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    _styles(word, document.language)
    _page_numbers(section, document.language)
    word.core_properties.title = document.title
    word.core_properties.author = "Cymuned"
    word.core_properties.language = LANGUAGE_TAGS[document.language]
    for block in document.blocks:
        _add(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
