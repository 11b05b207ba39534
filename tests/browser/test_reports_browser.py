import io
from pathlib import Path

import pytest
from django.core.management import call_command

from .. import factories


@pytest.mark.django_db(transaction=True)
def test_monitoring_paper_page_and_downloads(page, sign_in):
    call_command("setup-demo", stdout=io.StringIO())
    from cymuned.orgs.models import OrgUnit

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(factories.user("hd-viewer", {OrgUnit.objects.get(code="7A2"): "viewer"}))
    page.goto("/reports/")
    page.select_option("#period", "2024-25-Q4")
    page.select_option("#language", "both")
    page.get_by_role("button", name="Show the paper").click()
    page.wait_for_url("**/reports/monitoring/**")
    paper = page.locator("article.cymuned-paper")
    assert paper.get_by_role("heading", name="Asesiad / Assessment").is_visible()
    assert "Across the seven clusters, 54 cluster projects are being monitored." in paper.inner_text()
    assert "Ar draws y saith clwstwr, mae 54 o brosiectau clwstwr yn cael eu monitro." in paper.inner_text()
    assert paper.locator("svg").count() == 2
    assert paper.get_by_role(
        "img",
        name="Siart bar o’r prosiectau yn ôl statws RAG: 30 gwyrdd, 14 ambr, 10 coch. / Bar chart of projects by RAG status: 30 green, 14 amber, 10 red.",
    ).is_visible()
    # a paper is downloaded only with the date of its meeting (issue 12 item 17)
    assert page.locator("#meeting-date-required").is_visible()
    assert not page.get_by_role("link", name="Download Word").count()
    page.fill("#meeting_date", "2025-07-01")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url("**meeting_date=2025-07-01**")
    with page.expect_download() as word:
        page.get_by_role("link", name="Download Word").click()
    assert word.value.suggested_filename == "monitoring-7A2-2024-25-Q4-both.docx"
    assert Path(word.value.path()).read_bytes()[:2] == b"PK"
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download PDF").click()
    assert Path(pdf.value.path()).read_bytes()[:4] == b"%PDF"
    page.goto("/reports/data-pack/NC/?period=2024-25-Q4")
    assert "Physician Associate (NC-PA)" in page.locator("article.cymuned-paper").inner_text()
    # (the NHS.UK typeface is fetched from assets.nhs.uk, which a test machine may not reach)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e or "Error" in e], errors
