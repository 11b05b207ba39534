"""The committee paper and the data pack built from data, block by block (no database, no rendering)."""

import pytest

from cymuned.reports.data_pack import DataPack, ProjectHistory, build_data_pack, outcome_charts_for
from cymuned.reports.document import BulletList, Cell, CoverTable, Figure, Heading, Paragraph, SideBySide, Table
from cymuned.reports.monitoring_paper import build_monitoring_paper
from cymuned.reports.paper_parts import grid_table

from .. import reports_factories as f


def flat(blocks):
    for block in blocks:
        if isinstance(block, SideBySide):
            yield from flat(block.left)
            yield from flat(block.right)
        else:
            yield block


def texts(document) -> list[str]:
    found = []
    for block in flat(document.blocks):
        if isinstance(block, Paragraph | Heading):
            found.append(block.text)
        elif isinstance(block, BulletList):
            found.extend(item.text for item in block.items)
    return found


def cell_text(value) -> str:
    return value.text if isinstance(value, Cell) else value


def table_with(document, first_header) -> Table:
    return next(b for b in flat(document.blocks) if isinstance(b, Table) and cell_text(b.header[0]) == first_header)


def test_cover_table_has_the_bilingual_labels_and_the_meeting():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    cover = document.blocks[0]
    assert isinstance(cover, CoverTable)
    assert cover.committee == ("PWYLLGOR STRATEGAETH A CHYNLLUNIO", "STRATEGY AND PLANNING COMMITTEE")
    assert cover.rows[:4] == (
        ("DYDDIAD Y CYFARFOD: DATE OF MEETING:", "01 July 2025"),
        ("TEITL YR ADRODDIAD: TITLE OF REPORT:", "Cluster Integrated Medium Term Plan (IMTP) Monitoring Report"),
        (
            "CYFARWYDDWR ARWEINIOL: LEAD DIRECTOR:",
            "Jill Paterson, Director of Primary Care, Community and Long Term Care",
        ),
        ("SWYDDOG ADRODD: REPORTING OFFICER:", "Laura Lloyd Davies, Cluster Development Manager"),
    )
    assert cover.rows[4][0].startswith("Pwrpas yr Adroddiad") and "Purpose of the Report" in cover.rows[4][0]
    assert cover.rows[4][1] == "Er Gwybodaeth/For Information"
    decision = build_monitoring_paper(
        f.summary(), f.meeting(for_decision=True), "cy", f.scope(), definitions=f.definitions()
    ).blocks[0]
    assert decision.rows[4][1] == "Er Penderfyniad/For Decision"
    assert decision.rows[0][1] == "01 Gorffennaf 2025"


def test_sbar_sections_in_order_with_welsh_and_english_headings():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    headings = [(b.level, b.text) for b in document.blocks if isinstance(b, Heading) and b.level <= 2]
    assert headings == [
        (1, "ADRODDIAD SCAA / SBAR REPORT"),
        (2, "Sefyllfa / Situation"),
        (2, "Cefndir / Background"),
        (2, "Asesiad / Assessment"),
        (2, "Argymhelliad / Recommendation"),
    ]
    subheadings = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 3]
    assert subheadings == ["Cluster Projects", "Target", "Trend", "2024/25 Cluster Financial Position", "Finance Data"]


def test_the_risk_grid_as_the_seed_prints_it():
    zones = f.definitions().zones  # the seed's zones, from cymuned/definitions/data/risk-grid/
    table = grid_table(f.summary()["grid"], "en", zones)
    assert [cell_text(h) for h in table.header] == ["", "Green", "Amber", "Red"]
    assert (table.column_group, table.row_group) == ("RAG", "Trend")
    assert [[cell_text(c) for c in row] for row in table.rows] == [
        ["Worsening", "-", "2", "8"],
        ["Stable", "25", "9", "2"],
        ["Improving", "5", "3", "-"],
    ]
    assert [[c.fill for c in row[1:]] for row in table.rows] == [
        ["amber", "red", "red"],
        ["green", "amber", "red"],
        ["green", "green", "amber"],
    ]
    welsh = grid_table(f.summary()["grid"], "cy", zones)
    assert [cell_text(row[0]) for row in welsh.rows] == ["Gwaethygu", "Sefydlog", "Gwella"]


def test_definitions_table_comes_from_the_data_file():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    table = table_with(document, "RAG Status")
    assert [row[0].text for row in table.rows] == ["Red", "Amber", "Green"]
    red = table.rows[0][1].blocks
    assert red[0].text == "A red indicator usually means one or more of the following:"
    assert "Delays against critical milestones of more than 4 weeks" in [i.text for i in red[1].items]


def test_flagged_finished_and_review_lists_grouped_as_in_the_seed():
    lines = texts(build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions()))
    red = lines.index("Red – of concern:")
    assert lines[red + 1].startswith("Optometry Equipment (LL, NC, SC) – Data is not being received")
    assert lines[red + 2].startswith("Papyrus – Delivery of Mental Health Services for Young People (TT) – Due to")
    assert lines[red + 3].startswith("Physician Associate (NC) – Funding for the Physician Associate")
    amber = lines.index("Amber – deteriorating:")
    assert (
        lines[amber + 1]
        == "First Contact Practitioner Physiotherapy (SP) – target attainment 97 % is within 5 % of target"
    )
    grey = lines.index("Grey – projects finished:")
    assert lines[grey + 1 : grey + 4] == [
        "Dermatology Non-pigmented Lesion Clinic / Diagnostic Uncertainty (AG) – project ending May 2025.",
        "Trial without Catheter (AG, LL, TT, NC, SC, NP, SP) – project ceased in February 2025.",
        "PAPHYRUS (NC) – project ceased in February 2025.",
    ]
    yellow = lines.index("Yellow – projects to be reviewed at Value and Sustainability Group:")
    assert lines[yellow + 1 : yellow + 3] == ["Persistent Pain Service (AG, NC)", "Area 43 (NC, SC)"]


@pytest.mark.parametrize("extra", [0, 1, 2_345])
def test_a_long_list_stops_at_its_limit_and_says_how_many_more(extra):
    from cymuned.reports.monitoring_paper import LISTED_AT_MOST

    red = [f.flagged_item(f"P{i:05}", f"Project {i:05}", ["AG"]) for i in range(LISTED_AT_MOST + extra)]
    for language, more in (
        ("en", f"And {extra:,} more, not listed here"),
        ("cy", f"A {extra:,} arall, nas rhestrir yma"),
    ):
        document = build_monitoring_paper(
            f.summary(flagged=red), f.meeting(), language, f.scope(), definitions=f.definitions()
        )
        listed = next(
            b for b in flat(document.blocks) if isinstance(b, BulletList) and "Project 00000" in b.items[0].text
        )
        assert len(listed.items) == LISTED_AT_MOST
        assert listed.items[-1].text.startswith(f"Project {LISTED_AT_MOST - 1:05} (")
        said = [line for line in texts(document) if line.startswith(more)]
        assert len(said) == (1 if extra else 0)


def test_financial_position_table():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    table = table_with(document, "Cluster")
    assert table.header == ("Cluster", "24/25 Budget", "EoY Spend", "Spend Unknown")
    rows = [[cell_text(c) for c in row] for row in table.rows]
    assert rows[0] == ["Amman Gwendraeth", "£435,999", "£430,709", "£27,047"]
    assert ["Llanelli", "£469,377", "£474,335", "£36,601"] in rows
    assert rows[-1] == ["Total", "£3,016,181", "£2,929,475", "£206,040"]
    q2 = build_monitoring_paper(
        f.summary(period="2024-25-Q2"), f.meeting(), "en", f.scope(), definitions=f.definitions()
    )
    assert table_with(q2, "Cluster").header[2] == "YTD Spend"
    assert "the spend to date as at Month 6." in " ".join(texts(q2))
    welsh = table_with(
        build_monitoring_paper(f.summary(), f.meeting(), "cy", f.scope(), definitions=f.definitions()), "Clwstwr"
    )
    assert cell_text(welsh.rows[0][0]) == "Aman Gwendraeth" and welsh.header[1] == "Cyllideb 24/25"


def test_recommendations_note_in_bold():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    notes = next(b for b in reversed(document.blocks) if isinstance(b, BulletList))
    assert [(item.runs[0].text, item.runs[0].bold) for item in notes.items] == [("NOTE", True)] * 3
    assert notes.items[2].text == "NOTE the final cluster project and financial position as at Month 12"
    assert "The Committee is asked to:" in texts(document)


def test_charts_with_alternative_text():
    document = build_monitoring_paper(f.summary(), f.meeting(), "en", f.scope(), definitions=f.definitions())
    figures = document.figures()
    assert [fig.alt_text for fig in figures] == [
        "Bar chart of projects by RAG status: 30 green, 14 amber, 10 red.",
        "Bar chart of projects by trend: 8 improving, 36 stable, 10 worsening.",
    ]
    assert figures[0].spec["data"]["values"][0] == {"key": "green", "label": "Green", "projects": 30}


def test_welsh_and_both():
    welsh = texts(build_monitoring_paper(f.summary(), f.meeting(), "cy", f.scope(), definitions=f.definitions()))
    assert "Sefyllfa / Situation" in welsh and "Targed" in welsh and "Gofynnir i’r Pwyllgor:" in welsh
    both = build_monitoring_paper(f.summary(), f.meeting(), "both", f.scope(), definitions=f.definitions())
    pairs = [b for b in both.blocks if isinstance(b, SideBySide)]
    assert pairs and all(len(p.left) == len(p.right) for p in pairs)
    assert pairs[0].left[0].text.startswith("Diben yr adroddiad") and pairs[0].right[0].text.startswith("The purpose")
    assert [b.level for b in both.blocks if isinstance(b, Heading)] == [1, 2, 2, 2, 2]
    grid = next(b for b in both.blocks if isinstance(b, Table) and b.row_group)
    assert grid.row_group == "Tuedd / Trend" and cell_text(grid.rows[0][0]) == "Gwaethygu / Worsening"
    assert len(both.figures()) == 2  # each chart once, with bilingual labels
    assert both.figures()[0].alt_text.startswith("Siart bar o’r prosiectau yn ôl statws RAG: 30 gwyrdd")


def test_a_quarter_without_returns_says_so():
    empty = f.counts_summary("2025-26-Q1", {"improving": {}, "stable": {}, "worsening": {}})
    lines = texts(build_monitoring_paper(empty, f.meeting(), "en", f.scope(), definitions=f.definitions()))
    assert "No cluster projects have a monitoring return for Quarter 1 2025/26." in lines
    assert "No cluster budgets have been recorded for 2025/26." in lines


def test_languages_are_checked():
    with pytest.raises(ValueError):
        build_monitoring_paper(f.summary(), f.meeting(), "fr", f.scope(), definitions=f.definitions())


def pack(**changes) -> DataPack:
    values = {
        "cluster": f.scope().clusters[3],
        "scope": f.scope(("NC",)),
        "summary": f.summary(
            projects=2,
            rag={"green": 1, "amber": 0, "red": 1},
            rag_pct={"green": 50, "amber": 0, "red": 50},
            trend={"improving": 0, "stable": 2, "worsening": 0},
            trend_pct={"improving": 0, "stable": 100, "worsening": 0},
            flagged=[f.SEED_SUMMARY["flagged"][3]],
            finance=[f.SEED_SUMMARY["finance"][5]],
        ),
        "periods": ("2024-25-Q3", "2024-25-Q4"),
        "history": (
            ProjectHistory("NC-PA", "Physician Associate", ("amber", "red")),
            ProjectHistory("NC-PAIN", "Persistent Pain Service", ("", "green")),
        ),
    }
    return DataPack(**(values | changes))


def test_data_pack_for_a_cluster():
    document = build_data_pack(pack(), "en")
    lines = texts(document)
    assert lines[0] == "Cluster data pack: North Ceredigion (NC)"
    assert "In the North Ceredigion Cluster, two cluster projects are being monitored." in " ".join(lines)
    history = table_with(document, "Project")
    # periods in words (issue 13, item 2)
    assert [cell_text(h) for h in history.header] == ["Project", "2024-25 Quarter 3", "2024-25 Quarter 4"]
    assert [[(cell_text(c), c.fill) for c in row[1:]] for row in history.rows] == [
        [("Amber", "amber"), ("Red", "red")],
        [("–", ""), ("Green", "green")],
    ]
    finance = next(b for b in document.blocks if isinstance(b, Table) and b.header[0] == "24/25 Budget")
    assert finance.rows == (("£336,230", "£335,581", "£0", "£23,735"),)
    assert "No outcome charts are available for this cluster’s projects." in lines
    assert lines[-2:] == ["Key indicators", "No indicator data has been imported for this year or before it."]
    welsh = texts(build_data_pack(pack(), "cy"))
    assert welsh[0] == "Pecyn data’r clwstwr: Gogledd Ceredigion (NC)"


def test_data_pack_includes_the_outcome_charts_offered():
    spec = {"mark": "line", "description": "Referrals by month"}
    document = build_data_pack(
        pack(outcome_charts=(("Persistent Pain Service (NC-PAIN)", ((spec, "Referrals", "Referrals by month"),)),))
    )
    figures = document.figures()
    assert figures[-1] == Figure(spec, "Referrals", "Referrals by month")
    assert Heading(3, "Persistent Pain Service (NC-PAIN)") in document.blocks


def test_outcome_chart_hook_is_optional():
    assert outcome_charts_for([object()], "2024-25-Q4", "cymuned.nowhere.charts_for_projects") == {}
    assert outcome_charts_for([object()], "2024-25-Q4", "cymuned.reports.charts.no_such_hook") == {}


def test_documents_draw_the_web_pages_spec_with_the_servers_font():
    from cymuned.reports.charts import DOCUMENT_FONT, for_document, rag_chart

    spec, _alt = rag_chart({"green": 3, "amber": 2, "red": 1}, "en")
    drawn = for_document(spec)
    assert drawn["config"]["font"] == DOCUMENT_FONT and spec["config"]["font"] != DOCUMENT_FONT
    assert {k: v for k, v in drawn.items() if k != "config"} == {k: v for k, v in spec.items() if k != "config"}
