"""Issue 10, access items 1-7 and 14: each test reproduces a defect found on the old build.

The world (tests/conftest.py): Wales → Hywel Dda (AG, LL) and Powys (MPO). `editor` edits Hywel Dda,
`other_editor` edits Powys only, `viewer` views Hywel Dda, `ag_viewer` views AG only, `national`
administers Wales, `outsider` has no role.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from cymuned.finance.models import Budget, SpendLine
from cymuned.geography.models import Lsoa, PracticeLsoa
from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class
from cymuned.orgs.models import Kind, Membership
from cymuned.outcomes.models import Measure, MeasureKind, MeasureValue
from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.projects import save_project

from .. import factories

PROJECTS = "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n"
RETURNS = (
    "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
    "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
)


def run(kind, user, text):
    return importer_class(kind)(user=user).run(text.encode(), f"{kind}.csv")


def refused(kind, user, text) -> str:
    with pytest.raises(ImportRejected) as caught:
        run(kind, user, text)
    return str(caught.value)


@pytest.fixture
def ag_pain(world):
    project = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.monitoring_return(project, "2025-26-Q1", narrative="Clinics in Amman Gwendraeth.")
    return project


# -- 1. projects import takeover ------------------------------------------------------------------
def test_1_another_boards_editor_cannot_take_over_a_project_by_import(world, ag_pain):
    row = "AG-PAIN,Taken,MPO,Pain,,2023-04-01,,1\n"
    message = refused("projects", world.other_editor, PROJECTS + row)
    ag_pain.refresh_from_db()
    assert ag_pain.name == "Persistent Pain Service"
    assert [c.code for c in ag_pain.clusters.all()] == ["AG"]
    assert "Amman" not in message and "AG;" not in message


def test_1_changing_a_project_by_import_needs_every_cluster_it_has_and_will_have(world):
    shared = factories.project("SH-1", [world.ag, world.mid_powys], name="Shared")
    # the Powys editor co-owns it but does not edit AG: the project itself is not theirs to change
    refused("projects", world.other_editor, PROJECTS + "SH-1,Renamed,AG;MPO,T,,2024-04-01,,1\n")
    refused("projects", world.other_editor, PROJECTS + "SH-1,Shared,MPO,T,,2024-04-01,,1\n")
    shared.refresh_from_db()
    assert shared.name == "Shared" and shared.clusters.count() == 2
    national = factories.user("wales-editor", {world.wales: "editor"})
    run("projects", national, PROJECTS + "SH-1,Renamed,AG;MPO,T,,2024-04-01,,1\n")
    shared.refresh_from_db()
    assert shared.name == "Renamed"


# -- 2. practices import --------------------------------------------------------------------------
def test_2_practices_import_checks_the_practice_as_it_is_and_the_neighbourhood(world):
    practice = factories.practice(world.ag, code="W91001", name_en="Glan Aman")
    # moving and renaming another board's practice into one's own cluster
    refused(
        "practices",
        world.other_editor,
        "ods_code,name,cluster,list_size,list_size_date,cluster_from\nW91001,Taken,MPO,10,2025-01-01,2025-02-01\n",
    )
    practice.refresh_from_db()
    assert practice.name_en == "Glan Aman"
    assert not Membership.objects.filter(child=practice, parent=world.mid_powys).exists()
    # attaching one's own practice to another board's neighbourhood: reads as an unknown code
    factories.unit(Kind.NEIGHBOURHOOD, "IN-LL", parent=world.hywel_dda, name_en="Llanelli neighbourhood")
    factories.practice(world.mid_powys, code="W92001")
    header = "ods_code,name,cluster,list_size,list_size_date,neighbourhood,neighbourhood_from\n"
    message = refused("practices", world.other_editor, header + "W92001,Powys,MPO,10,2025-01-01,IN-LL,2027-04-01\n")
    unknown = refused("practices", world.other_editor, header + "W92001,Powys,MPO,10,2025-01-01,IN-ZZ,2027-04-01\n")
    assert "“IN-LL” is not a known neighbourhood code" in message
    assert message.replace("IN-LL", "X") == unknown.replace("IN-ZZ", "X")


# -- 3. national reference data -------------------------------------------------------------------
WIMD = "lsoa_code,lsoa_name_eng,local_authority_name_eng,wimd_2019_overall_rank\nW01000001,Area 1A,Carmarthenshire,12\n"


def test_3_only_national_administrators_change_national_data_and_it_is_recorded(world):
    practice = factories.practice(world.ag, code="W91002")
    for user in (world.editor, world.other_editor, world.viewer):
        assert "national administrators" in refused("wimd", user, WIMD)
    assert not Lsoa.objects.exists()
    run("wimd", world.national, WIMD)
    lsoa = Lsoa.objects.get()
    assert lsoa.history.get().history_user == world.national
    lsoa_rows = f"practice_code,lsoa_code,patients\n{practice.code},W01000001,40\n"
    assert "national administrators" in refused("practice-lsoa", world.editor, lsoa_rows)
    run("practice-lsoa", world.national, lsoa_rows)
    assert PracticeLsoa.objects.get().history.get().history_user == world.national
    run("wimd", world.national, WIMD.replace(",12\n", ",13\n"))
    assert [r.wimd_rank for r in Lsoa.history.order_by("history_id")] == [12, 13]


def test_3_reference_organisation_is_national_in_the_admin(client, world):
    world.editor.is_staff = True
    world.editor.save()
    client.force_login(world.editor)
    assert client.get(reverse("admin:orgs_orgunit_change", args=[world.ag.pk])).status_code == 200  # read only
    response = client.post(
        reverse("admin:orgs_orgunit_change", args=[world.ag.pk]),
        {"code": "AG", "kind": "cluster", "name_en": "Renamed", "name_cy": "", "parent_links-TOTAL_FORMS": "0"},
    )
    assert response.status_code == 403
    world.ag.refresh_from_db()
    assert world.ag.name_en == "Amman Gwendraeth"


# -- 4. history -----------------------------------------------------------------------------------
def test_4_history_is_scoped_by_roles_not_staff_status(client, world, ag_pain):
    mpo = factories.project("MP-FALLS", [world.mid_powys])
    factories.monitoring_return(mpo, "2025-26-Q1", narrative="Falls work in Powys.")
    staff = factories.user("staff-only", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("audit:index")).status_code == 403
    client.force_login(world.other_editor)
    page = client.get(reverse("audit:index")).content.decode()
    assert "MP-FALLS" in page
    assert "AG-PAIN" not in page and "Amman Gwendraeth" not in page
    returned = MonitoringReturn.objects.get(project=ag_pain)
    object_page = client.get(reverse("audit:object", args=["portfolio.MonitoringReturn", returned.pk]))
    assert object_page.status_code == 404
    client.force_login(world.viewer)
    page = client.get(reverse("audit:index")).content.decode()
    assert "AG-PAIN" in page and "MP-FALLS" not in page


# -- 5. spend against another board's project; codes one may not see read as unknown --------------
def test_5_spend_cannot_be_booked_against_another_boards_project(world, ag_pain):
    header = "cluster,financial_year,month,project_code,amount_gbp\n"
    message = refused("spend", world.other_editor, header + "MPO,2025-26,1,AG-PAIN,100\n")
    unknown = refused("spend", world.other_editor, header + "MPO,2025-26,1,ZZ-NONE,100\n")
    assert message.replace("AG-PAIN", "X") == unknown.replace("ZZ-NONE", "X")
    assert not SpendLine.objects.exists()


def test_5_import_messages_do_not_reveal_other_boards_records(world, ag_pain):
    row = ",2025-26-Q2,96,100,100,0,expected,none,engaged,,,\n"
    message = refused("returns", world.other_editor, RETURNS + "AG-PAIN" + row)
    unknown = refused("returns", world.other_editor, RETURNS + "ZZ-NONE" + row)
    assert message.replace("AG-PAIN", "X") == unknown.replace("ZZ-NONE", "X")
    assert "Amman" not in message
    cluster = refused("budgets", world.other_editor, "cluster,financial_year,budget_gbp\nAG,2025-26,100\n")
    assert "Amman" not in cluster and "“AG” is not a known cluster code" in cluster


# -- 6. one rule for a project's clusters ---------------------------------------------------------
def test_6_any_co_owner_reports_measure_values(world):
    shared = factories.project("SH-2", [world.ag, world.mid_powys])
    Measure.objects.create(
        project=shared, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind=MeasureKind.COUNT
    )
    run(
        "measure-values",
        world.other_editor,
        "project_code,period,measure,category,value\nSH-2,2025-26-Q1,referrals,,7\n",
    )
    assert MeasureValue.objects.get().value == Decimal(7)
    # and returns, by the same rule
    run("returns", world.other_editor, RETURNS + "SH-2,2025-26-Q1,96,100,100,0,expected,none,engaged,,,\n")
    assert MonitoringReturn.objects.filter(project=shared).exists()


def test_6_the_project_form_needs_every_cluster_not_only_the_changed_ones(client, world):
    shared = factories.project("SH-3", [world.ag, world.mid_powys], name="Shared")
    client.force_login(world.other_editor)
    response = client.post(
        reverse("portfolio:project_edit", args=["SH-3"]),
        {
            "name": "Renamed",
            "clusters": ["AG", "MPO"],
            "theme": "",
            "start_date": "2024-04-01",
            "annual_budget_gbp": "10000",
            "version": shared.version,
        },
    )
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.name == "Shared"


# -- 7. the organisation API ----------------------------------------------------------------------
def test_7_api_shows_no_parent_the_page_hides_and_unseen_reads_as_unknown(client, world, ag_pain):
    client.force_login(world.ag_viewer)
    detail = client.get("/api/v1/orgs/units/AG").json()
    assert [p["code"] for p in detail["parents"]] == []
    page = client.get(reverse("orgs:unit", args=["AG"])).content.decode()
    assert "Hywel Dda" not in page
    client.force_login(world.viewer)
    unseen = client.get("/api/v1/orgs/units/MPO")
    unknown = client.get("/api/v1/orgs/units/NOPE")
    assert unseen.status_code == unknown.status_code == 404
    assert unseen["Content-Type"].startswith("application/json") and unseen.json() == unknown.json()
    client.force_login(world.other_editor)
    unseen = client.get("/api/v1/projects/AG-PAIN")
    unknown = client.get("/api/v1/projects/ZZ-NONE")
    assert unseen.status_code == unknown.status_code == 404 and unseen.json() == unknown.json()


# -- 14. admin saves are optimistic -------------------------------------------------------------
def test_14_a_stale_admin_form_is_refused(client, world):
    budget = Budget.objects.create(cluster=world.ag, financial_year="2025-26", budget_gbp=Decimal("1000.00"))
    client.force_login(world.admin)
    url = reverse("admin:finance_budget_change", args=[budget.pk])
    opened = client.get(url)
    assert 'name="opened_version"' in opened.content.decode()
    # someone saves a newer value meanwhile
    Budget.objects.filter(pk=budget.pk).update(budget_gbp=Decimal("2000.00"), version=budget.version + 1)
    response = client.post(
        url, {"cluster": world.ag.pk, "financial_year": "2025-26", "budget_gbp": "1500.00", "opened_version": 1}
    )
    assert response.status_code == 200 and "someone else changed this record" in response.content.decode()
    budget.refresh_from_db()
    assert budget.budget_gbp == Decimal("2000.00")
    response = client.post(
        url, {"cluster": world.ag.pk, "financial_year": "2025-26", "budget_gbp": "1500.00", "opened_version": 2}
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    assert (budget.budget_gbp, budget.version) == (Decimal("1500.00"), 3)


def test_14_a_stale_project_admin_form_is_refused(client, world):
    project = factories.project("AG-X", [world.ag], name="Before")
    client.force_login(world.admin)
    url = reverse("admin:portfolio_project_change", args=[project.pk])
    project.name = "Page save"
    save_project(project, [world.ag], world.editor, project.version)
    data = {
        "code": "AG-X",
        "name": "Admin save",
        "theme": "",
        "priority_condition": "",
        "start_date": "2024-04-01",
        "end_date": "",
        "annual_budget_gbp": "10000",
        "lead": "",
        "provider": "",
        "exit_strategy": "",
        "state": "active",
        "clusters": [world.ag.pk],
        "opened_version": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.name == "Page save"


def test_admin_lists_and_changes_follow_roles_not_staff_status(client, world):
    ag = Budget.objects.create(cluster=world.ag, financial_year="2025-26", budget_gbp=1)
    mpo = Budget.objects.create(cluster=world.mid_powys, financial_year="2025-26", budget_gbp=2)
    staff = factories.user("staff-only", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:finance_budget_changelist")).status_code == 403
    world.other_editor.is_staff = True
    world.other_editor.save()
    client.force_login(world.other_editor)
    listing = client.get(reverse("admin:finance_budget_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].queryset) == [mpo]
    assert client.get(reverse("admin:finance_budget_change", args=[ag.pk])).status_code in (302, 403, 404)
    moved = client.post(
        reverse("admin:finance_budget_change", args=[mpo.pk]),
        {"cluster": world.ag.pk, "financial_year": "2025-26", "budget_gbp": "2", "opened_version": 1},
    )
    assert moved.status_code in (200, 403)
    mpo.refresh_from_db()
    assert mpo.cluster_id == world.mid_powys.pk
    # and the choices of a unit in the admin are the units the person may see
    form = client.get(reverse("admin:finance_budget_change", args=[mpo.pk])).content.decode()
    assert "Mid Powys" in form and "Amman Gwendraeth" not in form
