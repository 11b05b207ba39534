"""The committee paper written from the demo states the figures of the July 2025 paper."""

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from cymuned.reports.paper import Meeting, Scope, build_monitoring_paper
from cymuned.reports.render_html import render_fragment
from cymuned.reports.wording import number
from cymuned.reports.writing import monitoring_document, write

SEED_SENTENCES = [
    "Across the seven clusters, 54 cluster projects are being monitored.",
    "(56%, 30 projects) are reporting on target (green)",
    "26% of projects (14) are of concern (amber). 19% of projects (10) are of significant concern (red).",
    "15% of projects (eight) have an improving trend (green). 67% of projects (36) are stable (amber). Only 19% of projects (10) are deteriorating / worsening (red).",
]
SEED_MONEY = [
    "£435,999",
    "£430,709",
    "£469,377",
    "£474,335",
    "£449,333",
    "£417,552",
    "£531,475",
    "£483,831",
    "£430,716",
    "£427,821",
    "£336,230",
    "£335,581",
    "£363,051",
    "£359,646",
]


@pytest.fixture
def demo(db):
    call_command("setup-demo", stdout=io.StringIO())


def text_of_docx(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_numbers_under_ten_are_words():
    assert [number(n, "en") for n in (7, 8, 10, 54)] == ["seven", "eight", "10", "54"]
    assert number(7, "cy") == "saith"


def test_sentences_for_other_figures():
    summary = {
        "period": "2025-26-Q1",
        "projects": 3,
        "rag": {"green": 1, "amber": 1, "red": 1},
        "rag_pct": {"green": 33, "amber": 33, "red": 33},
        "trend": {"improving": 0, "stable": 3, "worsening": 0},
        "trend_pct": {"improving": 0, "stable": 100, "worsening": 0},
        "grid": {t: {"green": 0, "amber": 0, "red": 0} for t in ("improving", "stable", "worsening")},
        "flagged": [],
        "finished": [],
        "for_review": [],
        "finance": [],
    }
    meeting = Meeting("Committee", "Pwyllgor", "1 July 2025", "Title", "Teitl", "Director", "Officer")
    html = render_fragment(
        build_monitoring_paper(
            summary,
            meeting,
            Scope(
                "Board",
                "Bwrdd",
                {"AG": ("Amman Gwendraeth", "Aman Gwendraeth"), "LL": ("Llanelli", "Llanelli")},
            ),
            "en",
        )
    )
    assert "Across the two clusters, 3 cluster projects are being monitored." in html
    assert "0% of projects (zero) have an improving trend" in html


def test_word_paper_has_real_structure_and_the_seed_figures(demo):
    data = write(monitoring_document("2024-25-Q4", "en"), "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {
        "Sefyllfa / Situation",
        "Cefndir / Background",
        "Asesiad / Assessment",
        "Argymhelliad / Recommendation",
    } <= set(headings)
    assert all(
        table.rows[0]._tr.trPr is not None
        and table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
        for table in document.tables
        if len(table.columns) > 2
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count('descr="Bar chart of projects by') == 2
    text = text_of_docx(data)
    for sentence in SEED_SENTENCES:
        assert sentence in text
    for amount in SEED_MONEY:
        assert amount in text
    assert "The Committee is asked to:" in text and "NOTE" in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make test")
def test_libreoffice_opens_the_word_file(demo, tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(write(monitoring_document("2024-25-Q4", "en"), "docx"))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "paper.txt").read_text(encoding="utf-8-sig")
    for heading in (
        "Sefyllfa / Situation",
        "Asesiad / Assessment",
        "Argymhelliad / Recommendation",
    ):
        assert heading in text
    assert "Across the seven clusters, 54 cluster projects are being monitored." in text
    assert "£469,377" in text


def test_pdf_states_the_figures_in_welsh_and_both(demo, tmp_path):
    texts = {}
    for language in ("cy", "both"):
        path = tmp_path / f"paper-{language}.pdf"
        path.write_bytes(write(monitoring_document("2024-25-Q4", language), "pdf"))
        raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        texts[language] = " ".join(raw.split())
        assert "Argymhelliad / Recommendation" in texts[language] and "Sefyllfa / Situation" in texts[language]
    assert "Ar draws y saith clwstwr, mae 54 o brosiectau clwstwr yn cael eu monitro." in texts["cy"]
    assert "Mae gan 15% o’r prosiectau (wyth) duedd sy’n gwella" in texts["cy"]
    assert "Across the seven clusters" in texts["both"] and "Ar draws y saith clwstwr" in texts["both"]


def test_report_command_writes_each_format(demo, tmp_path):
    for fmt in ("docx", "pdf", "html"):
        output = tmp_path / f"paper.{fmt}"
        call_command(
            "report",
            "monitoring",
            "--period",
            "2024-25-Q4",
            "--format",
            fmt,
            "--output",
            str(output),
            stdout=io.StringIO(),
        )
        assert output.stat().st_size > 5000
    pack = tmp_path / "pack.html"
    call_command(
        "report",
        "data-pack",
        "--cluster",
        "NC",
        "--period",
        "2024-25-Q4",
        "--format",
        "html",
        "--output",
        str(pack),
        stdout=io.StringIO(),
    )
    text = pack.read_text()
    assert "Physician Associate" in text and "2024-25-Q3" in text and "£336,230" in text


def test_report_pages_and_downloads(client, world):
    from cymuned.portfolio.models import MonitoringReturn

    from .. import factories

    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.project("MP-X", [world.mid_powys], name="Powys only")
    factories.monitoring_return(pain, "2025-26-Q1", target_attainment_pct=80)
    assert MonitoringReturn.objects.count() == 1
    client.force_login(world.viewer)
    page = client.get(reverse("reports:monitoring"), {"period": "2025-26-Q1"}).content.decode()
    assert "Persistent Pain Service" in page and "Download Word" in page
    response = client.get(reverse("reports:monitoring"), {"period": "2025-26-Q1", "download": "docx"})
    assert response["Content-Disposition"].endswith('.docx"') and response.content[:2] == b"PK"
    assert client.get(reverse("reports:data_pack", args=["AG"])).status_code == 200
    assert client.get(reverse("reports:data_pack", args=["MPO"])).status_code == 403
    assert client.get(reverse("reports:committee_new")).status_code == 403
    client.force_login(world.other_editor)
    page = client.get(reverse("reports:monitoring"), {"period": "2025-26-Q1"}).content.decode()
    assert "Persistent Pain Service" not in page


def test_meeting_details_are_remembered(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("reports:committee_new"),
        {
            "name_en": "Board",
            "name_cy": "Bwrdd",
            "meeting_date": "2026-01-29",
            "title_en": "Monitoring",
            "title_cy": "Monitro",
            "lead_director": "A Director",
            "reporting_officer": "An Officer",
        },
    )
    assert response.status_code == 302
    from cymuned.reports.models import Committee

    committee = Committee.objects.get(name_en="Board")
    document = monitoring_document("2025-26-Q1", "en", committee)
    assert ("DYDDIAD Y CYFARFOD: DATE OF MEETING:", "29 January 2026") in document.blocks[1].pairs
