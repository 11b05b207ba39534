import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.returns import StaleEdit, save_return

from .. import factories


@pytest.fixture
def projects(world):
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service", theme="Pain")
    powys = factories.project("MP-FRAIL", [world.mid_powys], name="Powys Frailty", theme="Frailty")
    factories.monitoring_return(pain, "2025-26-Q1", target_attainment_pct=Decimal(100))
    factories.monitoring_return(pain, "2025-26-Q2", target_attainment_pct=Decimal(80), narrative="Waiting list grew")
    factories.monitoring_return(powys, "2025-26-Q2", target_attainment_pct=Decimal(100))
    return pain, powys


RETURN_URL = "portfolio:return"


def test_viewer_sees_own_projects_only(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(reverse("portfolio:index"), {"period": "2025-26-Q2"}).content.decode()
    assert "Persistent Pain Service" in page and "Powys Frailty" not in page
    assert client.get(reverse("portfolio:project", args=["AG-PAIN"])).status_code == 200
    assert client.get(reverse("portfolio:project", args=["MP-FRAIL"])).status_code == 403
    assert client.get(reverse("portfolio:project", args=["NOPE"])).status_code == 404


def test_viewer_cannot_open_or_post_the_return_form(client, world, projects):
    client.force_login(world.viewer)
    url = reverse(RETURN_URL, args=["AG-PAIN", "2025-26-Q3"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"target_attainment_pct": "100"}).status_code == 403
    assert not MonitoringReturn.objects.filter(period="2025-26-Q3").exists()


def test_editor_of_another_board_is_refused(client, world, projects):
    client.force_login(world.other_editor)
    assert client.get(reverse(RETURN_URL, args=["AG-PAIN", "2025-26-Q3"])).status_code == 403
    assert client.get(reverse("portfolio:project", args=["AG-PAIN"])).status_code == 403
    assert client.get(reverse(RETURN_URL, args=["MP-FRAIL", "2025-26-Q3"])).status_code == 200


def test_outsider_sees_nothing(client, world, projects):
    client.force_login(world.outsider)
    page = client.get(reverse("portfolio:index")).content.decode()
    assert "Persistent Pain Service" not in page and "Powys Frailty" not in page
    assert client.get("/api/v1/projects").json() == []
    assert client.get("/api/v1/monitoring/summary", {"period": "2025-26-Q2"}).json()["projects"] == 0


def test_return_form_validates_like_the_import_and_records_who(client, world, projects):
    client.force_login(world.editor)
    url = reverse(RETURN_URL, args=["AG-PAIN", "2025-26-Q3"])
    response = client.post(url, {"target_attainment_pct": "lots", "budget_gbp": "£1,000", "rag_override": "green"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a number, not “lots”" in text
    assert "give both the budget and the forecast spend, or neither" in text
    assert "an override needs a reason" in text
    response = client.post(
        url,
        {
            "target_attainment_pct": "97",
            "budget_gbp": "£1,000",
            "forecast_spend_gbp": "1,000",
            "version": "0",
        },
    )
    assert response.status_code == 302
    saved = MonitoringReturn.objects.get(period="2025-26-Q3")
    assert (saved.status, saved.entered_by, saved.history.first().history_user) == (
        "amber",
        world.editor,
        world.editor,
    )


def test_second_save_of_the_same_version_is_refused(client, world, projects):
    pain, _ = projects
    item = MonitoringReturn.objects.get(project=pain, period="2025-26-Q2")
    first, second = (
        MonitoringReturn.objects.get(pk=item.pk),
        MonitoringReturn.objects.get(pk=item.pk),
    )
    first.narrative = "first"
    save_return(first, world.editor, expected_version=item.version)
    second.narrative = "second"
    with pytest.raises(StaleEdit) as refused:
        save_return(second, world.admin, expected_version=item.version)
    assert refused.value.current.narrative == "first"
    client.force_login(world.editor)
    response = client.post(
        reverse(RETURN_URL, args=["AG-PAIN", "2025-26-Q2"]),
        {"target_attainment_pct": "100", "narrative": "stale", "version": str(item.version)},
    )
    assert response.status_code == 409
    assert "someone else changed this return" in response.content.decode()
    assert MonitoringReturn.objects.get(pk=item.pk).narrative == "first"


def test_quarter_page_grid_and_flags(client, world, projects):
    client.force_login(world.editor)
    page = client.get(reverse("portfolio:quarter", args=["2025-26-Q2"])).content.decode()
    # The cell's link says what it holds, and the cell names its zone in words (issue 13, item 9).
    assert 'data-cell="worsening-red" aria-label="1 project red and worsening">1</a>' in page
    assert '<span class="cymuned-grid__zone">Performance conversation</span>' in page
    assert "Waiting list grew" in page and "target attainment 80 % is more than 5 % off target" in page
    assert "Powys Frailty" not in page


def test_filters_sort_and_downloads(client, world, projects):
    factories.project(
        "LL-HTN",
        [world.ll],
        name="Blood pressure checks",
        theme="CVD",
        priority_condition="hypertension",
    )
    client.force_login(world.admin)
    listed = client.get(
        reverse("portfolio:index"), {"period": "2025-26-Q2", "rag": "red", "trend": "worsening"}
    ).content.decode()
    assert (
        "Persistent Pain Service" in listed and "Powys Frailty" not in listed and "Blood pressure checks" not in listed
    )
    listed = client.get(reverse("portfolio:index"), {"condition": "hypertension"}).content.decode()
    assert "Blood pressure checks" in listed and "Persistent Pain" not in listed
    listed = client.get(reverse("portfolio:index"), {"health_board": "7A7"}).content.decode()
    assert "Powys Frailty" in listed and "Persistent Pain" not in listed
    response = client.get(reverse("portfolio:index"), {"period": "2025-26-Q2", "sort": "-code", "download": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["code", "name"] and [r[0] for r in rows[1:]] == [
        "MP-FRAIL",
        "LL-HTN",
        "AG-PAIN",
    ]
    response = client.get(reverse("portfolio:index"), {"cluster": "AG", "download": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:2] == ["AG-PAIN", "Persistent Pain Service"]


def test_api_project_and_summary(client, world, projects):
    client.force_login(world.viewer)
    detail = client.get("/api/v1/projects/AG-PAIN").json()
    assert [r["status"] for r in detail["returns"]] == ["green", "red"]
    assert client.get("/api/v1/projects/MP-FRAIL").status_code == 404
    summary = client.get("/api/v1/monitoring/summary", {"period": "2025-26-Q2"}).json()
    assert summary["projects"] == 1 and summary["grid"]["worsening"]["red"] == 1
    assert client.get("/api/v1/monitoring/summary", {"period": "Q2"}).status_code == 422


def test_projects_by_neighbourhood_follow_the_split_of_amman_gwendraeth(client, reference):
    from datetime import date

    from cymuned.orgs.models import Membership, OrgUnit

    ag, ll, np_ = (OrgUnit.objects.get(code=c) for c in ("AG", "LL", "NP"))
    tumble = factories.practice(ag, code="W99001")
    Membership.objects.create(child=tumble, parent=OrgUnit.objects.get(code="IN-LL"), valid_from=date(2027, 4, 1))
    factories.project("AG-PAIN", [ag], name="Persistent Pain Service")
    factories.project("LL-HTN", [ll], name="Blood pressure checks")
    factories.project("NP-FCP", [np_], name="Physiotherapy")
    client.force_login(factories.user("root", is_superuser=True, is_staff=True))
    listed = client.get(reverse("portfolio:index"), {"neighbourhood": "IN-LL"}).content.decode()
    assert "Persistent Pain Service" in listed and "Blood pressure checks" in listed and "Physiotherapy" not in listed
    listed = client.get(reverse("portfolio:index"), {"neighbourhood": "IN-PEM"}).content.decode()
    assert "Physiotherapy" in listed and "Persistent Pain Service" not in listed


def test_the_grid_counted_in_sql_agrees_with_the_rules_in_python(world):
    """The grid counted in SQL from the stored trend agrees with the rows summed in Python."""
    from cymuned.portfolio.models import Project
    from cymuned.portfolio.queries import grid_cells, project_rows
    from cymuned.portfolio.summary import counts, summarise

    targets = {"green": Decimal(100), "amber": Decimal(97), "red": Decimal(50)}
    n = 0
    for previous in (None, "green", "amber", "red"):
        for current in ("green", "amber", "red"):
            project = factories.project(f"P{n}", [world.ag])
            if previous:
                factories.monitoring_return(project, "2025-26-Q1", target_attainment_pct=targets[previous])
            factories.monitoring_return(project, "2025-26-Q2", target_attainment_pct=targets[current])
            n += 1
    projects = Project.objects.all()
    by_sql = counts("2025-26-Q2", grid_cells("2025-26-Q2", projects))
    by_python = summarise("2025-26-Q2", project_rows("2025-26-Q2", projects))
    assert by_sql.grid == by_python.grid
    assert by_sql.grid["improving"] == {"green": 2, "amber": 1, "red": 0}
    assert by_sql.grid["worsening"] == {"green": 0, "amber": 1, "red": 2}


def test_return_form_refuses_a_number_that_is_not_finite_and_an_unknown_choice(client, world, projects):
    client.force_login(world.editor)
    url = reverse(RETURN_URL, args=["AG-PAIN", "2025-26-Q3"])
    for bad, field in (
        ({"target_attainment_pct": "nan"}, "target_attainment_pct"),
        ({"milestone_delay_weeks": "-inf"}, "milestone_delay_weeks"),
        ({"budget_gbp": "inf", "forecast_spend_gbp": "1"}, "budget_gbp"),
        ({"quality": "superb"}, "quality"),
    ):
        response = client.post(url, {**bad, "version": "0"})
        assert response.status_code == 400 and f'href="#{field}"' in response.content.decode(), bad
    assert not MonitoringReturn.objects.filter(period="2025-26-Q3").exists()


@pytest.fixture
def clusters_typed(monkeypatch):
    """More clusters than a select lists: the cluster filter becomes a typed field with suggestions."""
    from cymuned.portfolio import views

    monkeypatch.setattr(views, "CLUSTERS_LISTED", 1)


def test_a_long_cluster_list_is_typed_with_suggestions_of_the_clusters_one_may_see(
    client, world, projects, clusters_typed
):
    client.force_login(world.viewer)
    page = client.get(reverse("portfolio:index"), {"period": "2025-26-Q2"}).content.decode()
    assert 'id="f-cluster" name="cluster" type="text"' in page and 'list="f-cluster-options"' in page
    assert '<select class="nhsuk-select" id="f-cluster"' not in page
    suggest = reverse("portfolio:cluster_options")
    assert client.get(suggest, {"cluster": "a"}).content.decode().split("</option>")[:-1] == [
        '<option value="AG">Amman Gwendraeth',
        '<option value="LL">Llanelli',
    ]
    # Mid Powys is another board's: never suggested, though its name holds the letters typed
    assert "MPO" not in client.get(suggest, {"cluster": "mid"}).content.decode()
    assert client.get(suggest, {"cluster": "aman"}).content.decode().count("<option") == 1  # the Welsh name
    client.force_login(world.national)
    assert 'value="MPO"' in client.get(suggest, {"cluster": "mid"}).content.decode()


def test_a_cluster_typed_by_its_name_filters_by_its_code_and_an_unknown_one_is_said(
    client, world, projects, clusters_typed
):
    client.force_login(world.viewer)
    index = reverse("portfolio:index")
    for typed in ("Amman Gwendraeth", "ag", "Aman Gwendraeth"):
        page = client.get(index, {"period": "2025-26-Q2", "cluster": typed}).content.decode()
        assert "Persistent Pain Service" in page and 'value="AG"' in page and "nhsuk-form-group--error" not in page
    for unseen in ("Mid Powys", "Nowhere"):
        response = client.get(index, {"period": "2025-26-Q2", "cluster": unseen})
        page = response.content.decode()
        assert response.status_code == 200 and "Persistent Pain Service" not in page
        assert f"No cluster you can see has the code or name “{unseen}”" in page
        assert "Powys Frailty" not in page


def test_a_short_cluster_list_is_a_select(client, world, projects):
    client.force_login(world.viewer)
    page = client.get(reverse("portfolio:index"), {"period": "2025-26-Q2"}).content.decode()
    assert '<select class="nhsuk-select" id="f-cluster" name="cluster">' in page
    assert '<option value="AG">Amman Gwendraeth</option>' in page and 'value="MPO"' not in page
