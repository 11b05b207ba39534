import io

import pytest
from django.core.management import call_command

from .. import factories
from .accessibility import axe


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


@pytest.mark.django_db(transaction=True)
def test_an_editor_changes_a_return_and_a_stale_copy_is_refused(page, sign_in):
    from cymuned.orgs.models import Kind

    board = factories.unit(Kind.HEALTH_BOARD, "7A2", name_en="Hywel Dda University Health Board")
    ag = factories.unit(Kind.CLUSTER, "AG", parent=board, name_en="Amman Gwendraeth")
    project = factories.project("AG-PAIN", [ag], name="Persistent Pain Service")
    factories.monitoring_return(project, "2025-26-Q1", target_attainment_pct=100)
    sign_in(factories.user("ag-editor", {ag: "editor"}))
    page.goto("/projects/AG-PAIN/")
    page.get_by_role("link", name="2025-26 Quarter 1").click()  # periods in words (issue 13)
    other = page.context.new_page()  # the same person in a second tab, opened before the first saves
    other.goto(page.url)

    page.fill("#target_attainment_pct", "90")
    page.fill("#narrative", "Clinic room lost")
    page.get_by_role("button", name="Save return").click()
    page.wait_for_url("**/projects/AG-PAIN/")
    assert "Return for 2025-26 Quarter 1 saved." in page.inner_text("body")
    assert page.locator("#returns tbody tr").first.locator("td").nth(1).inner_text().strip() == "Red"

    other.fill("#narrative", "Going well")
    other.get_by_role("button", name="Save return").click()
    assert "someone else changed this return" in other.inner_text("body")
    assert other.input_value("#narrative") == "Clinic room lost"  # their values, to make the change again


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_typed_cluster_filter_suggests_clusters_and_filters_by_the_one_chosen(page, sign_in, monkeypatch, language):
    """With more clusters than a select lists (the national data set's thousands), the filter is typed
    and the clusters the person may see are suggested as they type."""
    from cymuned.orgs.models import OrgUnit
    from cymuned.portfolio import views

    monkeypatch.setattr(views, "CLUSTERS_LISTED", 1)
    call_command("setup-demo", stdout=io.StringIO())
    sign_in(factories.user("hd-viewer", {OrgUnit.objects.get(code="7A2"): "viewer"}))
    page.context.add_cookies([{"name": "cymuned_language", "value": language, "url": page.url}])
    page.goto("/projects/?period=2024-25-Q4")
    page.locator("details.nhsuk-details summary").click()
    page.locator("#f-cluster").press_sequentially("North", delay=30)
    suggested = page.locator("#f-cluster-options option")
    suggested.first.wait_for(state="attached")
    assert "NC" in [o.get_attribute("value") for o in suggested.all()]
    assert axe(page) == []
    page.fill("#f-cluster", "NC")
    page.select_option("#f-state", "under_review")
    page.locator("#portfolio-filters button[type=submit]").click()
    assert page.locator("#portfolio tbody tr td:first-child").all_inner_texts() == ["NC-AREA43", "NC-FCP", "NC-PAIN"]

    page.goto("/projects/?period=2024-25-Q4&cluster=Nowhere")
    assert page.locator("#f-cluster-error").is_visible()
    assert page.locator("#portfolio tbody td[colspan]").count() == 1  # "No projects match."
    assert axe(page) == []
