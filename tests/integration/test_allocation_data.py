"""Allocation from the database: WIMD deciles against all of Wales, coverage of the practice–LSOA
rows, clusters without patients, and the rule and warnings of `allocate --format json` (issue 12,
items 7 to 11)."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cymuned.finance.models import Budget
from cymuned.geography.models import Lsoa, PracticeLsoa
from cymuned.orgs.models import Kind, OrgUnit

from .. import factories

WIMD_HEADER = "LSOA code,LSOA name (Eng),Local Authority name (Eng),WIMD 2019 overall rank"


def test_a_subset_wimd_file_keeps_the_deciles_of_all_wales(db, tmp_path):
    # Three LSOAs of 1,909. Relative to the file (highest rank 1,000) rank 600 would be decile 6 and 1,000
    # decile 10; against all of Wales (191 LSOAs a decile, Welsh Government's published WIMD 2019 deciles)
    # they are deciles 4 (574-764) and 6 (956-1,146). Rank 191 is the last of decile 1.
    path = tmp_path / "wimd.csv"
    path.write_text(
        f"{WIMD_HEADER}\nW01000001,A 1,Carmarthenshire,191\nW01000002,B 1,Carmarthenshire,600\nW01000003,C 1,Ceredigion,1000\n"
    )
    call_command("import", "wimd", str(path), verbosity=0)
    assert dict(Lsoa.objects.values_list("code", "decile")) == {"W01000001": 1, "W01000002": 4, "W01000003": 6}


def test_a_published_decile_column_wins_over_the_rank(db, tmp_path):
    path = tmp_path / "wimd.csv"
    path.write_text(
        f"{WIMD_HEADER},WIMD 2019 overall decile\nW01000001,A 1,Carmarthenshire,191,2\nW01000002,B 1,Ceredigion,1800,\n"
    )
    call_command("import", "wimd", str(path), verbosity=0)
    assert dict(Lsoa.objects.values_list("code", "decile")) == {"W01000001": 2, "W01000002": 10}


def test_a_rank_outside_wales_is_an_error_named_by_row_and_column(db, tmp_path):
    path = tmp_path / "wimd.csv"
    path.write_text(
        f"{WIMD_HEADER}\nW01000001,A 1,Carmarthenshire,12\nW01000002,B 1,Ceredigion,1910\nW01000003,C 1,Ceredigion,0\n"
    )
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "wimd", str(path), stderr=stderr)
    message = stderr.getvalue()
    assert "line 3, column “wimd_2019_overall_rank”" in message and "line 4, column “wimd_2019_overall_rank”" in message
    assert not Lsoa.objects.exists()


@pytest.fixture
def clusters(world):
    """AG: two practices placed in LSOAs (one fully, one 90 %); LL: a practice with no LSOA rows;
    an empty cluster with no practices at all."""
    Lsoa.objects.create(code="W01000001", name="A", local_authority="Carmarthenshire", wimd_rank=10, decile=1)
    Lsoa.objects.create(code="W01000002", name="B", local_authority="Carmarthenshire", wimd_rank=1900, decile=10)
    one = factories.practice(world.ag, "W91001", patients=1000)
    two = factories.practice(world.ag, "W91002", patients=1000)
    factories.practice(world.ll, "W91003", patients=2000)
    factories.unit(Kind.CLUSTER, "EMP", parent=world.hywel_dda, name_en="Empty Cluster")
    PracticeLsoa.objects.create(practice=one, lsoa_code="W01000001", patients=1000)
    PracticeLsoa.objects.create(practice=two, lsoa_code="W01000002", patients=900)
    for code, amount in (("AG", 1000), ("LL", 1000)):
        Budget.objects.create(cluster=world.__dict__[code.lower()], financial_year="2025-26", budget_gbp=amount)
    return world


def allocate_json(*arguments) -> dict:
    out = io.StringIO()
    call_command(
        "allocate",
        "--year",
        "2026-27",
        "--health-board",
        "7A2",
        *arguments,
        "--format",
        "json",
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def test_a_cluster_without_lsoa_rows_is_refused_the_deprivation_basis_by_name(clusters):
    for basis in ("deprivation", "blend"):
        with pytest.raises(CommandError, match="Llanelli has 2,000 registered patients but none placed in an LSOA"):
            allocate_json("--total", "4000", "--basis", basis)


def test_population_basis_shows_coverage_and_keeps_a_cluster_with_no_patients(clusters):
    document = allocate_json("--total", "4000", "--basis", "population", "--years", "2", "--cap", "5")
    rows = {row["cluster"]: row for row in document["clusters"]}
    assert set(rows) == {"AG", "LL", "EMP"}  # the empty cluster does not vanish
    assert rows["AG"]["lsoa_coverage_pct"] == "95.0" and rows["AG"]["patients_with_lsoa"] == 1900
    assert rows["LL"]["lsoa_coverage_pct"] == "0.0" and rows["EMP"]["lsoa_coverage_pct"] is None
    assert rows["EMP"]["target_gbp"] == "0.00" and rows["AG"]["target_gbp"] == "2000.00"
    assert any("Empty Cluster has no registered patients" in w for w in document["warnings"])
    assert "in proportion to the clusters' allocations of the year before" in document["rule"]
    # The total rises from 2,000 to 4,000: the uniform change doubles AG and LL to 2,000 each, which is
    # already their target, so both reach it in year 1.
    assert rows["AG"]["path_gbp"] == ["2000.00", "2000.00"] and rows["AG"]["reaches_target"]


def test_coverage_below_95_percent_is_warned_of(clusters):
    PracticeLsoa.objects.filter(practice__code="W91002").update(patients=800)
    PracticeLsoa.objects.create(practice=OrgUnit.objects.get(code="W91003"), lsoa_code="W01000001", patients=2000)
    document = allocate_json("--total", "4000", "--basis", "deprivation")
    assert any(w.startswith("Amman Gwendraeth: only 90.0 %") for w in document["warnings"])
    # AG: 1,000 in decile 1 (x1.5) + 800 in decile 10 (x0.6) = 1,980; LL: 2,000 in decile 1 = 3,000;
    # 4,000 x 1,980/4,980 = 1,590.3614... and 2,409.6385...: the larger remainder (AG's .36) takes the penny.
    targets = {row["cluster"]: row["target_gbp"] for row in document["clusters"]}
    assert targets == {"AG": "1590.36", "LL": "2409.64", "EMP": "0.00"}


def test_unreachable_targets_are_warned_of_in_json(clusters):
    PracticeLsoa.objects.create(practice=OrgUnit.objects.get(code="W91003"), lsoa_code="W01000002", patients=2000)
    document = allocate_json("--total", "2000", "--basis", "deprivation", "--years", "1", "--cap", "1")
    assert any("does not reach its target" in w for w in document["warnings"])
    assert document["years_to_reach_every_target"] > 1


def test_allocation_page_states_the_rule_coverage_and_refusal(client, clusters):
    # the page lists the clusters with a budget: a cluster with a budget and no patients still shows
    Budget.objects.create(cluster=OrgUnit.objects.get(code="EMP"), financial_year="2025-26", budget_gbp=10)
    client.force_login(clusters.admin)
    page = client.get(reverse("finance:allocation"), {"year": "2026-27", "total": "4000", "cap": "5"}).content.decode()
    assert 'id="pace-rule"' in page and "never away from or past its target" in page
    assert "Llanelli has 2,000 registered patients but none placed in an LSOA" in page
    assert "Empty Cluster has no registered patients" in page and "95.0%" in page
    assert "Pace of change (population)" in page  # the blend is refused, so the pace falls back to population


def test_allocation_page_by_neighbourhood_divides_a_split_cluster_by_its_weights(client, clusters):
    from cymuned.orgs.models import Membership

    north = factories.unit(Kind.NEIGHBOURHOOD, "IN-N", name_en="North Neighbourhood")
    south = factories.unit(Kind.NEIGHBOURHOOD, "IN-S", name_en="South Neighbourhood")
    split_from = date(2027, 4, 1)
    for practice, place in (("W91001", north), ("W91002", south)):
        Membership.objects.create(child=OrgUnit.objects.get(code=practice), parent=place, valid_from=split_from)
    Membership.objects.create(child=clusters.ll, parent=south, valid_from=split_from)
    PracticeLsoa.objects.create(practice=OrgUnit.objects.get(code="W91003"), lsoa_code="W01000002", patients=2000)
    client.force_login(clusters.admin)
    page = client.get(
        reverse("finance:allocation"), {"year": "2027-28", "on": "2027-06-01", "total": "4000", "cap": "100"}
    ).content.decode()
    table = page[page.index('id="allocation-neighbourhoods"') :]
    table = table[: table.index("</table>")]
    # Deprivation: AG 1,000 x 1.5 + 900 x 0.6 = 2,040, LL 2,000 x 0.6 = 1,200: AG's target is
    # 4,000 x 2,040/3,240 = 2,518.52 (2,518.518...), divided 1,500 : 540 -> North 1,851.85 (1,851.851...),
    # South 666.67 + LL 1,481.48 = 2,148.15. By unweighted patients North would get 1,259.26.
    row = table[table.index("North Neighbourhood") :][:800]
    assert "£1,851.85" in row
    assert "Amman Gwendraeth is split between North Neighbourhood, South Neighbourhood" in page


def test_projects_of_a_split_cluster_are_labelled_shared_under_each_neighbourhood(client, reference):
    from cymuned.orgs.models import Membership

    ag, ll = (OrgUnit.objects.get(code=c) for c in ("AG", "LL"))
    for code, place in (("W99001", "IN-LL"), ("W99002", "IN-TT")):
        practice = factories.practice(ag, code=code)
        Membership.objects.create(child=practice, parent=OrgUnit.objects.get(code=place), valid_from=date(2027, 4, 1))
    factories.project("AG-PAIN", [ag], name="Persistent Pain Service")
    factories.project("LL-HTN", [ll], name="Blood pressure checks")
    client.force_login(factories.user("root", is_superuser=True, is_staff=True))
    for place in ("IN-LL", "IN-TT"):
        listed = client.get(reverse("portfolio:index"), {"neighbourhood": place}).content.decode()
        assert "Persistent Pain Service" in listed
        assert "Shared with another neighbourhood and listed under each: 1." in listed
        row = listed[listed.index(">AG-PAIN<") :][:600]  # the table row, not the coverage line
        assert ">shared<" in row
    listed = client.get(reverse("portfolio:index"), {"neighbourhood": "IN-LL"}).content.decode()
    assert ">shared<" not in listed[listed.index(">LL-HTN<") :][:600]
    assert 'id="shared-projects"' not in client.get(reverse("portfolio:index")).content.decode()
