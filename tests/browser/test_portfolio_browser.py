import io

import pytest
from django.core.management import call_command

from .. import factories


@pytest.mark.django_db(transaction=True)
def test_risk_grid_cells_open_their_projects_and_filters_work(page, sign_in):
    call_command("setup-demo", stdout=io.StringIO())
    from cymuned.orgs.models import OrgUnit

    sign_in(factories.user("hd-viewer", {OrgUnit.objects.get(code="7A2"): "viewer"}))
    page.goto("/projects/quarter/2024-25-Q4/")
    grid = page.locator("#risk-grid")
    assert grid.locator("[data-cell=stable-green]").inner_text() == "25"
    grid.locator("[data-cell=worsening-red]").click()
    rows = page.locator("#portfolio tbody tr")
    assert rows.count() == 8
    for badge in rows.locator("td:nth-child(6)").all_inner_texts():
        assert badge.strip() == "Red"
    assert all("Worsening" in t for t in rows.locator("td:nth-child(7)").all_inner_texts())

    page.goto("/projects/?period=2024-25-Q4")
    page.get_by_text("Filter and sort").click()
    page.select_option("#f-cluster", "NC")
    page.select_option("#f-state", "under_review")
    page.get_by_role("button", name="Apply").click()
    codes = page.locator("#portfolio tbody tr td:first-child").all_inner_texts()
    assert codes == ["NC-AREA43", "NC-FCP", "NC-PAIN"]
    page.get_by_role("link", name="RAG").click()  # sort by status
    assert page.locator("#portfolio tbody tr td:first-child").first.inner_text() == "NC-AREA43"  # the amber one first
