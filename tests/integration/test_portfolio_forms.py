"""The project form, the admin and the history panel: the same rules as the import, who may change
what, and no update lost to a stale copy."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from cymuned.portfolio.models import MonitoringReturn, Project

from .. import factories

NEW = "/projects/new/"
GOOD = {
    "code": "ag-htn",
    "name": "Blood pressure checks",
    "clusters": ["AG"],
    "theme": "CVD",
    "priority_condition": "hypertension",
    "state": "active",
    "start_date": "2025-04-01",
    "end_date": "",
    "annual_budget_gbp": "£20,000.50",
    "lead": "Dr Jones",
    "provider": "",
    "exit_strategy": "Mainstream into practice work",
}


def edit_url(code):
    return reverse("portfolio:project_edit", args=[code])


def history_clusters(record) -> list[str]:
    m2m = apps.get_model("portfolio", "HistoricalProject_clusters")
    return sorted(m2m.objects.filter(history_id=record.history_id).values_list("orgunit__code", flat=True))


@pytest.fixture
def pain(world):
    return factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service", theme="Pain")


def test_an_editor_starts_a_project_recorded_with_its_clusters(client, world):
    client.force_login(world.editor)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, GOOD)
    assert response.status_code == 302 and response["Location"] == "/projects/AG-HTN/"
    project = Project.objects.get(code="AG-HTN")
    assert (project.annual_budget_gbp, project.priority_condition, project.version) == (
        Decimal("20000.50"),
        "hypertension",
        1,
    )
    assert list(project.clusters.values_list("code", flat=True)) == ["AG"]
    record = project.history.get()
    assert (record.history_type, record.history_user) == ("+", world.editor)
    assert history_clusters(record) == ["AG"]


def test_the_form_reports_faults_in_the_words_of_the_import(client, world, pain):
    client.force_login(world.editor)
    response = client.post(
        NEW,
        {**GOOD, "code": "AG PAIN!", "start_date": "1/4/2025", "annual_budget_gbp": "lots", "clusters": []},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "use only letters, digits" in page
    assert "“1/4/2025” is not a date like 2025-04-01" in page
    assert "“lots” is not an amount of money like 20000.50 or £20,000.50" in page
    # A blank says what to do, the NHS.UK way (issue 13, item 5), linked to its field.
    assert '<a href="#clusters">Enter the clusters</a>' in page  # no cluster chosen
    assert 'aria-describedby="clusters-error"' in page
    response = client.post(NEW, {**GOOD, "code": "ag-pain", "end_date": "2024-01-01"})
    page = response.content.decode()
    assert "a project with this code exists already" in page
    assert "2024-01-01 is before the start date 2025-04-01" in page
    assert Project.objects.count() == 1


def test_nobody_gives_a_project_a_cluster_they_do_not_edit(client, world):
    client.force_login(world.editor)
    response = client.post(NEW, {**GOOD, "clusters": ["AG", "MPO"]})
    assert response.status_code == 400
    # a cluster of another board reads exactly like an unknown code
    assert "not known cluster codes: MPO" in response.content.decode()
    assert not Project.objects.exists()


def test_who_may_open_the_project_form(client, world, pain):
    for person, new, edit in (
        (world.viewer, 403, 403),
        (world.other_editor, 200, 403),  # edits Powys: may start a Powys project, not change this one
        (world.outsider, 403, 403),
        (world.editor, 200, 200),
    ):
        client.force_login(person)
        assert client.get(NEW).status_code == new, person
        assert client.get(edit_url("AG-PAIN")).status_code == edit, person
        if edit == 403:
            assert client.post(edit_url("AG-PAIN"), {**GOOD, "name": "Hijacked", "version": "1"}).status_code == 403
    assert Project.objects.get(code="AG-PAIN").name == "Persistent Pain Service"
    assert client.get(edit_url("NOPE")).status_code == 404


def test_an_editor_of_one_cluster_keeps_the_other_boards_cluster(client, world):
    shared = factories.project("XB-FRAIL", [world.ag, world.mid_powys], name="Frailty across the border")
    client.force_login(world.editor)
    form = {**GOOD, "code": "", "name": "Frailty", "version": str(shared.version)}
    # changing a project needs an editor of every cluster it has (issue 10, item 6)
    assert client.post(edit_url("XB-FRAIL"), {**form, "clusters": ["AG"]}).status_code == 403
    assert client.post(edit_url("XB-FRAIL"), {**form, "clusters": ["AG", "MPO"]}).status_code == 403
    client.force_login(world.national)
    response = client.post(edit_url("XB-FRAIL"), {**form, "clusters": ["AG", "MPO"]})
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.code, shared.name, shared.version) == ("XB-FRAIL", "Frailty", 2)


def test_a_stale_project_form_is_refused_and_shows_the_current_values(client, world, pain):
    client.force_login(world.editor)
    form = {**GOOD, "clusters": ["AG"], "version": str(pain.version)}
    assert client.post(edit_url("AG-PAIN"), {**form, "name": "First edit"}).status_code == 302
    response = client.post(edit_url("AG-PAIN"), {**form, "name": "Second edit"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "someone else changed this project" in page and 'value="First edit"' in page
    assert Project.objects.get(code="AG-PAIN").name == "First edit"


def test_the_project_page_shows_every_change_with_who(client, world, pain):
    item = factories.monitoring_return(pain, "2025-26-Q1", world.editor, target_attainment_pct=Decimal(100))
    client.force_login(world.editor)
    response = client.post(
        reverse("portfolio:return", args=["AG-PAIN", "2025-26-Q1"]),
        {"target_attainment_pct": "90", "narrative": "Clinic lost its room", "version": str(item.version)},
    )
    assert response.status_code == 302
    page = client.get(reverse("portfolio:project", args=["AG-PAIN"])).content.decode()
    assert "AG-PAIN 2025-26-Q1" in page and "Clinic lost its room" in page
    assert "100.00 → 90.00" in page and "green → red" in page
    assert "entered by editor" in page


def test_return_form_labels_keep_one_percent_sign(client, world, pain):
    client.force_login(world.editor)
    page = client.get(reverse("portfolio:return", args=["AG-PAIN", "2025-26-Q1"])).content.decode()
    assert "Target attainment (%)" in page and "%%" not in page


def test_a_cluster_change_alone_is_imported_and_recorded(reference, tmp_path):
    header = "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n"
    first = tmp_path / "p1.csv"
    first.write_text(header + "NC-PAIN,Persistent Pain,NC,Pain,,2023-04-01,,45000\n")
    call_command("import", "projects", str(first), verbosity=0)
    call_command("import", "projects", str(first), verbosity=0)
    project = Project.objects.get(code="NC-PAIN")
    assert project.history.count() == 1 and history_clusters(project.history.get()) == ["NC"]
    second = tmp_path / "p2.csv"
    second.write_text(header + "NC-PAIN,Persistent Pain,NC;AG,Pain,,2023-04-01,,45000\n")
    call_command("import", "projects", str(second), verbosity=0)
    project.refresh_from_db()
    assert sorted(project.clusters.values_list("code", flat=True)) == ["AG", "NC"]
    assert project.version == 2 and project.history.count() == 2
    assert history_clusters(project.history.first()) == ["AG", "NC"]
    assert history_clusters(project.history.last()) == ["NC"]


def test_the_admin_checks_with_the_same_rules_and_applies_them(client, world, pain):
    client.force_login(world.admin)
    add = reverse("admin:portfolio_monitoringreturn_add")
    form = {
        "project": pain.pk,
        "period": "2025-26-Q1",
        "target_attainment_pct": "97",
        "budget_gbp": "1000",
        "forecast_spend_gbp": "",
        "rag_override": "red",
        "override_reason": "",
    }
    response = client.post(add, form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "an override needs a reason" in page
    assert "give both the budget and the forecast spend, or neither" in page
    assert not MonitoringReturn.objects.exists()
    response = client.post(add, {**form, "forecast_spend_gbp": "1000", "override_reason": "Staff leaving"})
    assert response.status_code == 302
    saved = MonitoringReturn.objects.get()
    assert (saved.computed_rag, saved.status, saved.entered_by) == ("amber", "red", world.admin)
    change = reverse("admin:portfolio_monitoringreturn_change", args=[saved.pk])
    changed = {**form, "forecast_spend_gbp": "1000", "rag_override": "", "opened_version": "1"}
    assert client.post(change, changed).status_code == 302
    saved.refresh_from_db()
    assert (saved.status, saved.version) == ("amber", 2)  # a page opened at version 1 is now stale


def test_imported_returns_record_who_and_a_history_row_each(reference, tmp_path):
    from cymuned.orgs.models import OrgUnit

    editor = factories.user("ag-editor", {OrgUnit.objects.get(code="AG"): "editor"})
    factories.project("AG-PAIN", [OrgUnit.objects.get(code="AG")])
    path = tmp_path / "returns.csv"
    path.write_text(
        "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
        "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
        'AG-PAIN,2025-26-Q1,99.5,"£20,000.50",21000.50,0,expected,none,engaged,Fine,,\n'
        "AG-PAIN,2025-26-Q2,,,,,,,,Nothing assessed,green,Clinic judged on track\n"
    )
    call_command("import", "returns", str(path), "--user", "ag-editor", verbosity=0)
    first, second = MonitoringReturn.objects.order_by("period")
    assert (first.period, first.budget_gbp, first.computed_rag, first.status) == (
        "2025-26-Q1",
        Decimal("20000.50"),
        "amber",
        "amber",
    )
    assert (second.computed_rag, second.status, second.rag_override) == ("", "green", "green")
    for item in (first, second):
        record = item.history.get()
        assert (item.entered_by, record.history_user, record.history_type, record.version) == (editor, editor, "+", 1)
        assert (record.status, record.narrative, record.entered_at) == (item.status, item.narrative, item.entered_at)
        assert record.budget_gbp == item.budget_gbp


def test_the_project_form_refuses_a_number_that_is_not_finite_and_an_unknown_choice(client, world):
    # the form reads through the projects import's field readers: a fault is named beside its field
    client.force_login(world.editor)
    for bad, field in (
        ({"annual_budget_gbp": "nan"}, "annual_budget_gbp"),
        ({"annual_budget_gbp": "inf"}, "annual_budget_gbp"),
        ({"annual_budget_gbp": "1e999999"}, "annual_budget_gbp"),
        ({"state": "abandoned"}, "state"),
        ({"priority_condition": "gout"}, "priority_condition"),
        ({"name": ""}, "name"),
    ):
        response = client.post(NEW, {**GOOD, **bad})
        assert response.status_code == 400 and f'href="#{field}"' in response.content.decode(), bad
    assert not Project.objects.exists()
