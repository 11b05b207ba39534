"""The Word file's paragraphs, lists and table cells, written as WordprocessingML directly
(render_docx), read back with python-docx and checked against the data they were written from."""

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from cymuned.reports.document import BulletList, Cell, Document, Paragraph, Table
from cymuned.reports.monitoring_paper import LISTED_AT_MOST, build_monitoring_paper
from cymuned.reports.paper_parts import finance_table, flagged_lines
from cymuned.reports.render_docx import render_docx

from .. import reports_factories as f


def opened(document: Document):
    return docx.Document(io.BytesIO(render_docx(document)))


def many_flagged(n: int) -> list[dict]:
    clusters = [c.code for c in f.scope().clusters]
    return [
        f.flagged_item(
            f"P{i:04d}",
            f"Project {i:04d}",
            [clusters[i % len(clusters)]],
            rag="red" if i % 3 else "amber",
            narrative="" if i % 2 else f"Narrative of project {i:04d}",
            reasons=[f"reason {i % 5}"],
        )
        for i in range(n)
    ]


def test_each_listed_flagged_project_is_one_bulleted_paragraph_of_its_name_codes_and_reasons():
    flagged = many_flagged(300)  # 200 red, 100 amber
    summary = f.summary(flagged=flagged)
    word = opened(build_monitoring_paper(summary, f.meeting(), "en", f.scope(), definitions=f.definitions()))
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    red = flagged_lines([i for i in flagged if i["rag"] == "red"], f.scope(), "en")
    amber = flagged_lines([i for i in flagged if i["rag"] != "red"], f.scope(), "en")
    assert (len(red), len(amber)) == (200, 100)
    # each list as many lines as the paper prints (monitoring_paper.LISTED_AT_MOST), then how many more
    shown = red[:LISTED_AT_MOST] + amber[:LISTED_AT_MOST]
    start = bullets.index(red[0])
    assert bullets[start : start + len(shown)] == shown
    said = [p.text for p in word.paragraphs if p.text.startswith("And ")]
    assert len(said) == 1 and said[0].startswith(f"And {len(red) - LISTED_AT_MOST} more, not listed here: ")
    by_code = {i["code"]: i for i in flagged}
    for line in shown:
        item = by_code[f"P{line.split(' ')[1]}"]
        assert f"({item['clusters'][0]})" in line
        assert (item["narrative"] or "reason") in line


def test_the_financial_position_has_one_row_per_cluster_with_its_cells_and_a_bold_total():
    summary = f.summary()
    block = finance_table(summary["finance"], f.scope(), "en", "2024-25", final=True)
    word = opened(Document("t", "en", (block,)))
    (table,) = word.tables
    assert len(table.rows) == 1 + len(block.rows) == 1 + len(f.SEED_FINANCE) + 1
    assert [c.text for c in table.rows[0].cells] == list(block.header)
    for row, expected in zip(table.rows[1:], block.rows, strict=True):
        texts = [c.text for c in row.cells]
        assert texts == [e.text if isinstance(e, Cell) else e for e in expected]
        # the cluster names the row; the amounts are right-aligned
        assert all(run.bold for run in row.cells[0].paragraphs[0].runs)
        assert [c.paragraphs[0].alignment for c in row.cells[1:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3
    total = table.rows[-1].cells
    assert total[0].text == "Total" and all(run.bold for c in total for run in c.paragraphs[0].runs)
    # every cell carries its width, and the header repeats on every page
    assert all(c._tc.tcPr.find(qn("w:tcW")) is not None for row in table.rows for c in row.cells)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_text_keeps_its_spaces_line_breaks_tabs_bold_lead_and_keep_with_next():
    word = opened(
        Document(
            "t",
            "en",
            (
                Paragraph.of("the process", bold_lead="NOTE"),
                Paragraph.of("first line\nsecond line\tafter a tab"),
                Paragraph.of("  spaced  "),
                Paragraph((Paragraph.of("lead in").runs[0],), keep_with_next=True),
                BulletList.of("one", "two"),
                Table(("A", "B"), (("a\nb", Cell("c", bold=True, fill="red", align="center")),)),
            ),
        )
    )
    texts = [p.text for p in word.paragraphs]
    assert "NOTE the process" in texts and "  spaced  " in texts
    assert "first line\nsecond line\tafter a tab" in texts
    spaced = word.paragraphs[texts.index("  spaced  ")].runs[0]._r.find(qn("w:t"))
    assert spaced.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"  # Word keeps the spaces
    lead = word.paragraphs[texts.index("NOTE the process")].runs
    assert [(r.text, bool(r.bold)) for r in lead] == [("NOTE", True), (" the process", False)]
    assert word.paragraphs[texts.index("lead in")].paragraph_format.keep_with_next
    assert [p.text for p in word.paragraphs if p.style.name == "List Bullet"] == ["one", "two"]
    (table,) = word.tables
    left, right = table.rows[1].cells
    assert left.text == "a\nb" and right.text == "c" and right.paragraphs[0].runs[0].bold
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert right._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "F6D4D1"
