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


def _split_ag_into_north_and_south(client, clusters) -> tuple[str, str]:
    """AG's two practices go to North and South neighbourhoods from 1 April 2027, LL wholly to South; the
    neighbourhood table of the 2027-28 allocation of £4,000 as on 1 June 2027."""
    from cymuned.orgs.models import Membership

    north = factories.unit(Kind.NEIGHBOURHOOD, "IN-N", name_en="North Neighbourhood")
    south = factories.unit(Kind.NEIGHBOURHOOD, "IN-S", name_en="South Neighbourhood")
    for practice, place in (("W91001", north), ("W91002", south)):
        Membership.objects.create(child=OrgUnit.objects.get(code=practice), parent=place, valid_from=date(2027, 4, 1))
    Membership.objects.create(child=clusters.ll, parent=south, valid_from=date(2027, 4, 1))
    client.force_login(clusters.admin)
    page = client.get(
        reverse("finance:allocation"), {"year": "2027-28", "on": "2027-06-01", "total": "4000", "cap": "100"}
    ).content.decode()
    table = page[page.index('id="allocation-neighbourhoods"') :]
    return page, table[: table.index("</table>")]


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
    PracticeLsoa.objects.create(practice=OrgUnit.objects.get(code="W91003"), lsoa_code="W01000002", patients=2000)
    page, table = _split_ag_into_north_and_south(client, clusters)
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


# -- needs-weighted allocation (issue 16 item 7) -----------------------------------------------------
# The age band weights in force (cymuned/definitions/data/age-band-weights/2024-04-01.json): 0-4 1.3,
# 40-44 0.95, 85+ 2.7. Every expected figure below is a hand calculation shown beside it.


def _ages(rows):
    from cymuned.indicators.models import PatientCount

    for practice, band, sex, patients in rows:
        PatientCount.objects.create(
            practice=OrgUnit.objects.get(code=practice),
            as_of=date(2026, 1, 1),
            age_band=band,
            sex=sex,
            patients=patients,
        )


AGES = [
    ("W91001", "0-4", "female", 60),
    ("W91001", "0-4", "male", 40),
    ("W91001", "85+", "female", 50),
    ("W91002", "40-44", "male", 200),
    ("W91003", "85+", "male", 100),
]


def test_the_age_bases_are_refused_until_every_practice_has_a_list_by_age_band(clusters):
    _ages([row for row in AGES if row[0] != "W91003"])
    with pytest.raises(CommandError, match="no registered patients by age band on or before 01 April 2026.*LL"):
        allocate_json("--total", "4000", "--basis", "age")


def test_age_weighted_targets_by_the_command(clusters):
    _ages(AGES)
    document = allocate_json("--total", "4000", "--basis", "age")
    # AG: (60 + 40) x 1.3 + 50 x 2.7 + 200 x 0.95 = 130 + 135 + 190 = 455; LL: 100 x 2.7 = 270; EMP: 0.
    # 4,000 x 455/725 = 2,510.3448... and 4,000 x 270/725 = 1,489.6551...: LL's larger remainder takes the penny.
    targets = {row["cluster"]: row["target_gbp"] for row in document["clusters"]}
    assert targets == {"AG": "2510.34", "LL": "1489.66", "EMP": "0.00"}
    assert any("Age-weighted population" in line and "85+: 2.7" in line for line in document["explanation"])
    # The needs blend also needs deprivation, and LL has no patients placed in an LSOA.
    with pytest.raises(CommandError, match="Llanelli has 2,000 registered patients but none placed in an LSOA"):
        allocate_json("--total", "4000", "--basis", "needs")


def test_needs_blend_by_the_command(clusters):
    _ages(AGES)
    PracticeLsoa.objects.create(practice=OrgUnit.objects.get(code="W91003"), lsoa_code="W01000002", patients=2000)
    document = allocate_json("--total", "4000", "--basis", "needs", "--weight", "0.5")
    # Age shares 455/725 and 270/725; deprivation AG 1,000 x 1.5 + 900 x 0.6 = 2,040, LL 2,000 x 0.6 = 1,200,
    # shares 2,040/3,240 and 1,200/3,240. AG: 4,000 x (455/725 + 2,040/3,240)/2 = 2,514.4306...;
    # LL: 4,000 x (270/725 + 1,200/3,240)/2 = 1,485.5693...
    targets = {row["cluster"]: row["target_gbp"] for row in document["clusters"]}
    assert targets == {"AG": "2514.43", "LL": "1485.57", "EMP": "0.00"}


def test_allocation_page_shows_the_age_bases_and_takes_other_weights(client, clusters):
    _ages(AGES)
    client.force_login(clusters.admin)
    page = client.get(reverse("finance:allocation"), {"year": "2026-27", "total": "4000"}).content.decode()
    assert "Age-weighted population" in page and 'id="age-weights"' in page
    row = page[page.index('id="allocation"') :]
    row = row[row.index("Amman Gwendraeth") :][:1500]
    assert "£2,510.34" in row  # as the command, above
    # A scenario: patients aged 85 and over weighted 0 leaves AG 320 and LL nothing: AG takes the whole total.
    changed = client.get(
        reverse("finance:allocation"), {"year": "2026-27", "total": "4000", "age-85+": "0"}
    ).content.decode()
    row = changed[changed.index('id="allocation"') :]
    row = row[row.index("Amman Gwendraeth") :][:1500]
    assert "£4,000.00" in row and "85+: 0" in changed
    # Welsh
    client.cookies["cymuned_language"] = "cy"
    welsh = client.get(reverse("finance:allocation"), {"year": "2026-27", "total": "4000"}).content.decode()
    assert "Pwysau bandiau oedran" in welsh and "Age band weights" not in welsh


def test_a_split_cluster_is_divided_by_its_parts_age_weighted_patients(client, clusters):
    _ages(AGES)
    _page, table = _split_ag_into_north_and_south(client, clusters)
    # AG's age target 2,510.34 (above) divided 265 : 190 (W91001: 100 x 1.3 + 50 x 2.7; W91002: 200 x 0.95):
    # 251,034p x 265/455 = 146,206.61...p, x 190/455 = 104,827.38...p: the penny left goes to North.
    row = table[table.index("North Neighbourhood") :][:1200]
    assert "£1,462.07" in row
    row = table[table.index("South Neighbourhood") :][:1200]
    assert "£2,537.93" in row  # 1,048.27 of AG's and LL's whole 1,489.66
