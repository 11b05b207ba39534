"""Staff in post: the import (ours and StatsWales' layout), the roll-up by cluster and neighbourhood,
the `workforce` command, the page and the leadership posts."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from cymuned.imports.base import ImportRejected
from cymuned.orgs.models import Kind, Membership
from cymuned.workforce.importers import WorkforceImporter
from cymuned.workforce.models import LeadershipPost, LeadershipRole, StaffInPost

from .. import factories

AFTER = date(2027, 4, 1)
HEADER = "unit,period,staff_group,headcount,fte,funding_source,project_code\n"


@pytest.fixture
def split(world):
    """Amman Gwendraeth split from 1 April 2027: W1 (6,000 patients) goes to IN-LL, W2 (4,000) to IN-TT;
    Llanelli (W3, 5,000) joins IN-LL whole (seed 000's reconfiguration, small)."""
    in_ll = factories.unit(Kind.NEIGHBOURHOOD, "IN-LL", parent=world.hywel_dda, since=AFTER)
    in_tt = factories.unit(Kind.NEIGHBOURHOOD, "IN-TT", parent=world.hywel_dda, since=AFTER)
    w1 = factories.practice(world.ag, "W1", patients=6000)
    w2 = factories.practice(world.ag, "W2", patients=4000)
    factories.practice(world.ll, "W3", patients=5000)
    Membership.objects.create(child=w1, parent=in_ll, valid_from=AFTER)
    Membership.objects.create(child=w2, parent=in_tt, valid_from=AFTER)
    Membership.objects.create(child=world.ll, parent=in_ll, valid_from=AFTER)
    return world


def load(text: str, user=None):
    return WorkforceImporter(user=user).run(text.encode(), "workforce.csv")


ROWS = (
    HEADER + "W1,2027-28-Q1,gp,3,2.50,core,\n"
    "W2,2027-28-Q1,gp,2,1.75,core,\n"
    "W3,2027-28-Q1,gp,4,3.20,core,\n"
    "AG,2027-28-Q1,pharmacist,1,1.00,cluster_funds,\n"
    "LL,2027-28-Q1,social_prescriber,2,1.50,cluster_funds,\n"
)


def table(by: str, *extra) -> dict:
    out = io.StringIO()
    call_command("workforce", "--by", by, "--period", "2027-28-Q1", *extra, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def totals(found: dict) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for unit in found["units"]:
        for group in unit["staff_groups"]:
            sums[group["staff_group"]] = sums.get(group["staff_group"], Decimal(0)) + Decimal(str(group["fte"]))
    return sums


def test_by_cluster_and_by_neighbourhood_reconcile_after_april_2027(split):
    load(ROWS)
    clusters = table("cluster", "--on", "2027-06-30")
    neighbourhoods = table("neighbourhood", "--on", "2027-06-30")
    assert set(clusters) == {"by", "period", "units"} and clusters["period"] == "2027-28-Q1"
    assert set(clusters["units"][0]) == {"unit", "staff_groups", "fte_per_10000"}
    assert set(clusters["units"][0]["staff_groups"][0]) == {"staff_group", "headcount", "fte"}
    assert totals(clusters) == totals(neighbourhoods)  # every group's FTE adds up the same both ways
    by_unit = {u["unit"]: {g["staff_group"]: g for g in u["staff_groups"]} for u in neighbourhoods["units"]}
    # hand calculation: IN-LL = W1 2.50 + W3 3.20 GPs; AG's pharmacist by patients 6,000 : 4,000
    assert by_unit["IN-LL"]["gp"]["fte"] == 5.70 and by_unit["IN-TT"]["gp"]["fte"] == 1.75
    assert by_unit["IN-LL"]["pharmacist"]["fte"] == 0.60 and by_unit["IN-TT"]["pharmacist"]["fte"] == 0.40
    per = {u["unit"]: u["fte_per_10000"] for u in neighbourhoods["units"]}
    # IN-TT: 1.75 + 0.40 = 2.15 FTE for 4,000 patients → 5.375 → 5.38 per 10,000
    assert per["IN-TT"] == 5.38
    boards = table("health_board")
    assert totals(boards) == totals(clusters)


def test_csv_marks_estimates(split):
    load(ROWS)
    out = io.StringIO()
    call_command(
        "workforce",
        "--by",
        "neighbourhood",
        "--period",
        "2027-28-Q1",
        "--on",
        "2027-06-30",
        "--format",
        "csv",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "unit,staff_group,headcount,fte,estimated,fte_per_10000"
    assert "IN-TT,pharmacist,0,0.40,yes,5.38" in lines
    assert "IN-TT,gp,2,1.75,no,5.38" in lines


def test_statswales_layout(split):
    text = (
        "Local health board,Cluster code,Period,Fully qualified GPs FTE,Nurses FTE,Direct patient care FTE,Admin FTE\n"
        "Hywel Dda,AG,2027-28-Q1,7.5,4.2,3.1,12.0\n"
    )
    assert load(text).created == 4
    found = {s.staff_group.code: s for s in StaffInPost.objects.filter(unit=split.ag)}
    assert found["gp"].fte == Decimal("7.50") and found["gp"].headcount is None
    assert found["administrative"].fte == Decimal("12.00") and found["direct_patient_care"].fte == Decimal("3.10")
    again = load(text)  # the same file again changes nothing; a changed figure changes its record alone
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = load(text.replace(",4.2,", ",4.5,"))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 3)


def test_statswales_refusals_name_line_and_column(split):
    header = (
        "Local health board,Cluster code,Period,Fully qualified GPs FTE,Nurses FTE,Direct patient care FTE,Admin FTE\n"
    )
    with pytest.raises(ImportRejected) as refused:
        load(
            header + "Hywel Dda,AG,2027-28-Q1,7.5,4.2,3.1,12.0\n"
            "Hywel Dda,AG,2027-28-Q1,7.5,4.2,3.1,12.0\n"  # the same cluster and quarter again
            "Hywel Dda,ZZ,2027-28-Q1,1,1,1,1\n"  # no such cluster
            "Hywel Dda,LL,2027-28-Q1,1,many,1,1\n"  # not a number
        )
    message = str(refused.value)
    assert "line 3, column “cluster_code”: the same unit, period, staff group and funding already appear on line 2" in (
        message
    )
    assert "line 4, column “cluster_code”" in message and "line 5, column “nurses_fte”" in message
    assert not StaffInPost.objects.exists()


def test_bad_rows_are_named_and_nothing_is_written(split):
    text = HEADER + "W1,2027-28-Q1,gp,3,2.50,core,\nZZ,2027-28-Q5,surgeon,x,-1,grant,NOPE\n"
    with pytest.raises(ImportRejected) as refused:
        load(text)
    message = str(refused.value)
    for column in ("period", "headcount", "fte", "funding_source"):
        assert f"line 3, column “{column}”" in message
    assert not StaffInPost.objects.exists()
    with pytest.raises(ImportRejected) as refused:
        load(HEADER + "ZZ,2027-28-Q1,surgeon,1,1,core,NOPE\n")
    assert "line 2, column “unit”" in str(refused.value)
    with pytest.raises(ImportRejected) as refused:  # the same post twice; a staff group not known
        load(HEADER + "W1,2027-28-Q1,gp,3,2.50,core,\nW1,2027-28-Q1,GP,1,1.00,core,\nW1,2027-28-Q1,surgeon,1,1,core,\n")
    message = str(refused.value)
    assert "line 3, column “staff_group”: the same unit, period, staff group and funding already appear on line 2" in (
        message
    )
    assert "line 4, column “staff_group”: “surgeon” is not a staff group" in message


def test_another_boards_editor_may_not_import(split):
    with pytest.raises(ImportRejected):
        load(ROWS, user=split.other_editor)
    load(ROWS, user=split.editor)


def test_project_funded_posts_and_leadership_are_counted(split):
    factories.project("AG-PA", [split.ag])
    load(HEADER + "AG,2027-28-Q1,physician_associate,1,1.00,cluster_funds,AG-PA\n")
    assert StaffInPost.objects.get().project.code == "AG-PA"
    LeadershipPost.objects.create(
        unit=split.ag, role=LeadershipRole.CLUSTER_LEAD, holder="Dr A", valid_from=date(2026, 4, 1), sessions_per_week=2
    )
    LeadershipPost.objects.create(
        unit=split.ag, role=LeadershipRole.CLUSTER_LEAD, holder="", valid_from=date(2026, 4, 1), sessions_per_week=2
    )  # a vacancy counts no one
    groups = {g["staff_group"]: g for g in table("cluster")["units"][0]["staff_groups"]}
    assert groups["clinical_leadership"] == {"staff_group": "clinical_leadership", "headcount": 1, "fte": 0.22}


def test_page_shows_the_bilingual_table_and_trend_and_refuses_outsiders(client, split, django_assert_max_num_queries):
    load(ROWS)
    client.force_login(split.viewer)
    with django_assert_max_num_queries(35):  # measured 31; none of them per row
        page = client.get("/workforce/", {"by": "neighbourhood", "period": "2027-28-Q1", "on": "2027-06-30"})
    body = page.content.decode()
    assert 'Meddyg teulu</span> / <span lang="en">GP' in body and "est." in body
    assert "workforce-trend" in body
    client.force_login(split.outsider)
    assert client.get("/workforce/").status_code == 403
    client.force_login(split.other_editor)  # Powys sees none of Hywel Dda's staff
    assert "IN-LL" not in client.get("/workforce/", {"by": "neighbourhood", "period": "2027-28-Q1"}).content.decode()


def test_leadership_posts_on_the_organisation_page(client, world):
    LeadershipPost.objects.create(
        unit=world.ag,
        role=LeadershipRole.CLUSTER_LEAD,
        holder="Dr Cluster Lead",
        valid_from=date(2024, 4, 1),
        sessions_per_week=2,
        agreement="Service level agreement",
    )
    client.force_login(world.viewer)
    page = client.get("/organisation/AG/").content.decode()
    assert "Dr Cluster Lead" in page and "Service level agreement" in page


def test_demo_marks_the_synthetic_workforce(db):
    call_command("setup-demo", stdout=io.StringIO())
    pa = StaffInPost.objects.filter(project__code="NC-PA")
    assert pa.exists() and all(s.synthetic for s in StaffInPost.objects.all()[:50])
    assert StaffInPost.objects.values("period").distinct().count() == 8
