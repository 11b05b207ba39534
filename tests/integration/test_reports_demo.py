"""The paper written from the demo's 2024-25 Q4 states the figures of the July 2025 Hywel Dda paper
(seed 002): 54 projects, the RAG and trend shares, the risk grid, the seven budgets and spends."""

import shutil
import subprocess

import pytest

from cymuned.periods import Quarter
from cymuned.reports.data_pack import write_data_pack
from cymuned.reports.writing import monitoring_document, write

from .test_reports_files import SBAR, SEED_FIGURES, docx_text, flat_text, pdf_text

SEED_BUDGETS = {
    "Amman Gwendraeth": ("£435,999", "£430,709"),
    "Llanelli": ("£469,377", "£474,335"),
    "Tywi/Taf": ("£449,333", "£417,552"),
    "North Pembrokeshire": ("£531,475", "£483,831"),
    "South Pembrokeshire": ("£430,716", "£427,821"),
    "North Ceredigion": ("£336,230", "£335,581"),
    "South Ceredigion": ("£363,051", "£359,646"),
}


@pytest.fixture
def demo(demo_for_module, db):
    """The demonstration data, loaded once for this module (tests/conftest.py)."""


def test_the_demo_paper_states_the_seed_figures(demo, tmp_path):
    document = monitoring_document(Quarter.parse("2024-25-Q4"), "en", health_board="7A2")
    word = write(document, "docx")
    text = docx_text(word)
    for sentence in SEED_FIGURES:
        assert sentence in text
    for name, (budget, spend) in SEED_BUDGETS.items():
        assert f"{name} {budget} {spend}" in text, name
    assert "Worsening - 2 8" in text and "Stable 25 9 2" in text and "Improving 5 3 -" in text
    assert "Optometry Equipment (LL, NC, SC) – Data is not being received from the Optometrists" in text
    assert "Trial Without Catheter (TWOC) (AG, LL, TT, NC, SC, NP, SP) – project ceased in February 2025." in text
    pdf = pdf_text(write(document, "pdf"), tmp_path)
    for sentence in [*SEED_FIGURES, *SBAR]:
        assert sentence in pdf


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (libreoffice-writer-nogui) is needed")
def test_libreoffice_prints_the_demo_paper_with_its_headings_and_figures(demo, tmp_path):
    source = tmp_path / "demo.docx"
    source.write_bytes(write(monitoring_document(Quarter.parse("2024-25-Q4"), "en", health_board="7A2"), "docx"))
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert converted.returncode == 0, converted.stderr
    text = flat_text(
        subprocess.run(
            ["pdftotext", str(tmp_path / "demo.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for expected in [*SBAR, *SEED_FIGURES, *(money for pair in SEED_BUDGETS.values() for money in pair)]:
        assert expected in text, expected


def test_demo_data_packs(demo, tmp_path):
    html = write_data_pack("NC", Quarter.parse("2024-25-Q4"), "html").decode()
    assert "Cluster data pack: North Ceredigion (NC)" in html
    assert "Physician Associate (NC-PA)" in html and "2024-25 Quarter 3" in html and "2024-25 Quarter 4" in html
    assert "£336,230" in html and "£335,581" in html
    # Amman Gwendraeth's persistent pain service has outcome measures: their charts come in, described
    pain = write_data_pack("AG", Quarter.parse("2024-25-Q4"), "html").decode()
    assert "Persistent Pain Service (AG-PAIN)" in pain and pain.count("<svg") > 2
    welsh = pdf_text(write_data_pack("AG", Quarter.parse("2024-25-Q4"), "pdf", "cy"), tmp_path)
    assert "Pecyn data’r clwstwr: Aman Gwendraeth (AG)" in welsh and "Prosiectau a’u hanes RAG" in welsh
    # the cluster's Key Indicator Dashboard of the quarter's year: findings, the spine chart and the table
    # with each value's interval against Hywel Dda and Wales, significance in words
    assert "Key indicators, 2024/25" in pain and "Value (95% interval)" in pain and "Hywel Dda" in pain
    assert "Hypertension" in pain and "Spine chart: each indicator against the range of clusters in Wales." in pain
    assert any(word in pain for word in ("significantly higher than", "significantly lower than"))
    assert "Dangosyddion allweddol, 2024/25" in welsh and "Cyffredinrwydd gorbwysedd" in welsh
