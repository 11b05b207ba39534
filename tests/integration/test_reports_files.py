"""The paper as files: Word with real structure that LibreOffice opens, PDF whose text states the
figures, HTML without script. Built from the seed's summary (tests/reports_factories.py)."""

import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from cymuned.reports.monitoring_paper import build_monitoring_paper
from cymuned.reports.render_docx import render_docx
from cymuned.reports.render_html import render_fragment, render_page
from cymuned.reports.render_pdf import render_pdf

from .. import reports_factories as f

SEED_FIGURES = [
    "Across the seven clusters, 54 cluster projects are being monitored.",
    "A significant proportion of these (56%, 30 projects) are reporting on target (green)",
    "26% of projects (14) are of concern (amber). 19% of projects (10) are of significant concern (red).",
    "15% of projects (eight) have an improving trend (green). 67% of projects (36) are stable (amber). "
    "Only 19% of projects (10) are deteriorating / worsening (red).",
]
SEED_MONEY = ["£435,999", "£430,709", "£469,377", "£474,335", "£531,475", "£483,831", "£336,230", "£359,646"]
SBAR = ["Sefyllfa / Situation", "Cefndir / Background", "Asesiad / Assessment", "Argymhelliad / Recommendation"]


def paper(language: str = "en"):
    return build_monitoring_paper(f.summary(), f.meeting(), language, f.scope(), definitions=f.definitions())


def flat_text(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return flat_text("\n".join(parts))


def pdf_text(data: bytes, tmp_path, name: str = "paper.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return flat_text(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def test_word_uses_heading_styles_for_the_sections():
    document = docx.Document(io.BytesIO(render_docx(paper())))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "ADRODDIAD SCAA / SBAR REPORT") in headings
    assert [text for style, text in headings if style == "Heading 2"] == SBAR
    assert ("Heading 3", "Target") in headings and ("Heading 3", "2024/25 Cluster Financial Position") in headings
    # the heading styles are the built-in ones the navigation pane reads (outline levels 0–2)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        assert style.builtin and style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)


def test_word_tables_have_repeating_header_rows_and_the_grid_style():
    document = docx.Document(io.BytesIO(render_docx(paper())))
    cover, *tables = document.tables
    assert cover.cell(0, 0).text == "DYDDIAD Y CYFARFOD: DATE OF MEETING:"
    # definitions, risk grid, financial position; objectives, further information, impact (seed 002)
    assert len(tables) == 6
    for table in tables:
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    grid = tables[1]
    assert [c.text for c in grid.rows[1].cells][-3:] == ["Green", "Amber", "Red"]
    assert [c.text for c in grid.rows[2].cells] == ["Trend", "Worsening", "-", "2", "8"]
    finance = tables[2]
    assert [c.text for c in finance.rows[0].cells] == ["Cluster", "24/25 Budget", "EoY Spend", "Spend Unknown"]
    assert [c.text for c in finance.rows[1].cells] == ["Amman Gwendraeth", "£435,999", "£430,709", "£27,047"]


def test_word_pictures_have_alternative_text_and_pages_are_numbered():
    data = render_docx(paper())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', body)
    assert described == [
        "Bar chart of projects by RAG status: 30 green, 14 amber, 10 red.",
        "Bar chart of projects by trend: 8 improving, 36 stable, 10 worsening.",
    ]
    assert len(media) == 2 and 'w:instr="PAGE"' in footer and "Page" in footer


def test_word_text_is_marked_welsh_or_english():
    welsh = docx.Document(io.BytesIO(render_docx(paper("cy"))))
    assert welsh.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "cy-GB"
    both = docx.Document(io.BytesIO(render_docx(paper("both"))))
    side = next(t for t in both.tables if t.cell(0, 0).text == "Cymraeg")
    langs = {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in side.cell(1, 0).paragraphs[0].runs}
    assert langs == {"cy-GB"} and side.cell(0, 1).text == "English"


def test_word_states_the_figures():
    text = docx_text(render_docx(paper()))
    for sentence in [*SEED_FIGURES, *SEED_MONEY, "The Committee is asked to:", "NOTE the final cluster project"]:
        assert sentence in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (libreoffice-writer-nogui) is needed")
def test_libreoffice_opens_the_word_file_and_finds_the_headings_and_figures(tmp_path):
    source = tmp_path / "paper.docx"
    source.write_bytes(render_docx(paper()))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = flat_text((tmp_path / "paper.txt").read_text(encoding="utf-8-sig"))
    for expected in [*SBAR, "ADRODDIAD SCAA / SBAR REPORT", *SEED_FIGURES, *SEED_MONEY]:
        assert expected in text, expected


def test_pdf_states_the_figures(tmp_path):
    data = render_pdf(paper())
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    for expected in [*SBAR, *SEED_FIGURES, *SEED_MONEY, "Worsening - 2 8", "Stable 25 9 2", "Improving 5 3 -"]:
        assert expected in text, expected


def test_welsh_and_side_by_side_pdfs_carry_the_welsh_headings(tmp_path):
    welsh = pdf_text(render_pdf(paper("cy")), tmp_path, "cy.pdf")
    for expected in [
        *SBAR,
        "Targed",
        "Tuedd",
        "Ar draws y saith clwstwr, mae 54 o brosiectau clwstwr yn cael eu monitro.",
    ]:
        assert expected in welsh, expected
    both = pdf_text(render_pdf(paper("both")), tmp_path, "both.pdf")
    for expected in [
        *SBAR,
        "Cymraeg English",
        "Targed Target",
        "Across the seven clusters",
        "Ar draws y saith clwstwr",
    ]:
        assert expected in both, expected


def test_html_uses_nhs_classes_and_no_script():
    page = render_page(paper("both"))
    fragment = render_fragment(paper())
    assert "<script" not in page and "<script" not in fragment
    assert 'class="nhsuk-table cymuned-report-table"' in fragment and "nhsuk-list--bullet" in fragment
    assert fragment.count("<svg") == 2 and 'role="img" aria-label="Bar chart of projects by RAG status' in fragment
    assert '<h2 class="nhsuk-heading-m">ADRODDIAD SCAA / SBAR REPORT</h2>' in fragment  # below the page's own h1
    assert '<td lang="cy">' in page and "size: A4" in page


def test_the_printed_page_writes_each_bullet_as_text_and_the_web_page_leaves_it_to_the_list():
    # WeasyPrint lays out a list marker as a box of its own for every item; the printed page's items
    # are blocks that start with the bullet (print.css hangs it into the indent)
    page = render_page(paper())
    fragment = render_fragment(paper())
    items = re.findall(r"<li>(.*?)</li>", page)
    assert items and all(item.startswith("\u2022\u2002") for item in items)
    assert "<li>\u2022" not in fragment and fragment.count("<li>") == len(items)
    assert "li { display: block;" in page


def test_chart_text_from_the_data_is_escaped_in_the_svg():
    from cymuned.reports.document import Document, Figure

    spec = {
        "data": {"values": [{"a": "<script>alert(1)</script>", "b": 1}]},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
    }
    html = render_fragment(Document("t", "en", (Figure(spec, "<b>alt</b>", "<i>caption</i>"),)))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'aria-label="&lt;b&gt;alt&lt;/b&gt;"' in html and "&lt;i&gt;caption&lt;/i&gt;" in html


def test_word_closes_with_objectives_further_information_and_impact():
    """Issue 12 item 17. Seed 002, the tables after 'Argymhelliad / Recommendation': 'Committee ToR
    Reference: … 10.4.1 Report formally, regularly and on a timely basis to the Board on Cluster
    activities.', 'Datix Risk Register Reference and Score: Not Applicable', … 'Equality: Consideration of
    Equality legislation and impact is a fundamental part of the planning of service delivery changes and
    improvements.'"""
    document = docx.Document(io.BytesIO(render_docx(paper())))
    objectives, further, impact = document.tables[-3:]
    assert objectives.rows[0].cells[0].text == "Amcanion: (rhaid cwblhau)\nObjectives: (must be completed)"
    rows = {row.cells[0].text.split("\n")[-1]: row.cells[1].text for row in objectives.rows[1:]}
    assert rows["Committee ToR Reference:"] == (
        "10.4.1 Report formally, regularly and on a timely basis to the Board on Cluster activities."
    )
    assert rows["Datix Risk Register Reference and Score:"] == "Not Applicable"
    assert rows["Domains of Quality:"] == "7. All apply" and rows["Enablers of Quality:"] == "6. All Apply"
    assert rows["UHB Well-being Objectives:"].startswith("2. Develop a skilled and flexible workforce")
    labels = [row.cells[0].text.split("\n")[-1] for row in further.rows[1:]]
    assert labels == [
        "Evidence Base:",
        "Glossary of Terms:",
        "Parties / Committees consulted prior to Strategy and Planning Committee:",
    ]
    assert further.rows[3].cells[1].text == "Cluster Meetings\nLocality Leads"
    impacts = [row.cells[0].text.split("\n")[-1] for row in impact.rows[1:]]
    assert impacts == [
        "Financial / Service:",
        "Quality / Patient Care:",
        "Workforce:",
        "Risk:",
        "Legal:",
        "Reputational:",
        "Privacy:",
        "Equality:",
    ]
    assert impact.rows[0].cells[0].text == "Effaith: (rhaid cwblhau)\nImpact: (must be completed)"
