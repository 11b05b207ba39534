import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cymuned.finance.models import Budget, SpendLine
from cymuned.finance.position import cluster_positions, neighbourhood_positions
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

SEED = {  # the committee paper of 1 July 2025: 2024/25 budget and end-of-year spend
    "Amman Gwendraeth": ("£435,999", "£430,709"),
    "Llanelli": ("£469,377", "£474,335"),
    "Tywi/Taf": ("£449,333", "£417,552"),
    "North Pembrokeshire": ("£531,475", "£483,831"),
    "South Pembrokeshire": ("£430,716", "£427,821"),
    "North Ceredigion": ("£336,230", "£335,581"),
    "South Ceredigion": ("£363,051", "£359,646"),
}


@pytest.fixture
def demo(db):
    call_command("setup-demo", stdout=io.StringIO())


def test_finance_table_matches_the_paper_to_the_pound(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(reverse("finance:index"), {"year": "2024-25"}).content.decode()
    for name, (budget, spend) in SEED.items():
        row = page[page.index(f">{name}<") :][:600]
        assert budget in row and spend in row, name
    assert "Spend unknown" in page and 'id="spend-AG"' in page


def test_monitoring_summary_gains_finance(demo):
    out = io.StringIO()
    call_command("report", "monitoring", "--period", "2024-25-Q4", stdout=out)
    finance = {row["cluster"]: row for row in json.loads(out.getvalue())["finance"]}
    assert finance["LL"]["budget_gbp"] == "469377.00" and finance["LL"]["spend_gbp"] == "474335.00"
    assert finance["LL"]["variance_gbp"] == "-4958.00"
    assert Decimal(finance["AG"]["unallocated_gbp"]) > 0


def test_cluster_and_neighbourhood_totals_agree_after_april_2027(demo):
    year = FinancialYear.parse("2024-25")
    clusters = list(OrgUnit.objects.of_kind(Kind.CLUSTER).filter(budgets__isnull=False).distinct())
    by_cluster = cluster_positions(year, clusters)
    by_neighbourhood = neighbourhood_positions(by_cluster, clusters, date(2027, 6, 1))
    assert {p.code for p in by_neighbourhood} == {"IN-LL", "IN-TT", "IN-PEM", "IN-CER"}
    for field in ("budget", "spend", "unknown"):
        assert sum(getattr(p, field) for p in by_neighbourhood) == sum(getattr(p, field) for p in by_cluster)
    pembrokeshire = next(p for p in by_neighbourhood if p.code == "IN-PEM")
    assert pembrokeshire.budget == Decimal("531475.00") + Decimal("430716.00")
    # Amman Gwendraeth is split between Llanelli and Tywi/Taf by its practices' registered patients
    llanelli = next(p for p in by_neighbourhood if p.code == "IN-LL")
    assert Decimal("469377") < llanelli.budget < Decimal("469377") + Decimal("435999")
    before = neighbourhood_positions(by_cluster, clusters, date(2027, 3, 31))
    assert [p.code for p in before] == [""]  # no neighbourhoods yet


def test_imports_are_all_or_nothing_and_idempotent(reference, tmp_path):
    path = tmp_path / "budgets.csv"
    path.write_text('cluster,financial_year,budget_gbp\nAG,2025-26,"£1,000.50"\nLL,2025-26,2000\n')
    call_command("import", "budgets", str(path), verbosity=0)
    out = io.StringIO()
    call_command("import", "budgets", str(path), stdout=out)
    assert "2 unchanged" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("cluster,financial_year,budget_gbp\nAG,2025-26,900\nZZ,2025/26,x\n")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "budgets", str(bad), stderr=stderr)
    assert "line 3, column “financial_year”" in stderr.getvalue() and "line 3, column “budget_gbp”" in stderr.getvalue()
    assert Budget.objects.get(cluster__code="AG").budget_gbp == Decimal("1000.50")
    spend = tmp_path / "spend.csv"
    spend.write_text(
        "cluster,financial_year,month,project_code,amount_gbp\nAG,2025-26,1,,10\nAG,2025-26,13,,10\nAG,2025-26,2,NOPE,5\n"
    )
    with pytest.raises(CommandError):
        call_command("import", "spend", str(spend), stderr=io.StringIO())
    assert not SpendLine.objects.exists()


def test_wimd_headers_in_the_published_layout(reference, tmp_path):
    path = tmp_path / "wimd.csv"
    path.write_text(
        "LSOA Code,LSOA name (Eng), Local Authority name (Eng),WIMD 2019 Overall Rank ,WIMD 2019 overall decile\nW01000001,A 1,Carmarthenshire,12,1\nW01000002,B 1,Ceredigion,1800,\n"
    )
    call_command("import", "wimd", str(path), verbosity=0)
    from cymuned.geography.models import Lsoa

    assert dict(Lsoa.objects.values_list("code", "decile")) == {"W01000001": 1, "W01000002": 10}


@pytest.mark.parametrize("basis", ["population", "deprivation", "blend"])
def test_allocate_command_sums_to_the_total(demo, basis):
    out = io.StringIO()
    call_command(
        "allocate",
        "--year",
        "2026-27",
        "--total",
        "3000000",
        "--basis",
        basis,
        "--years",
        "3",
        "--cap",
        "5",
        "--format",
        "json",
        stdout=out,
    )
    document = json.loads(out.getvalue())
    assert sum(Decimal(c["target_gbp"]) for c in document["clusters"]) == Decimal("3000000.00")
    for year in range(3):
        assert sum(Decimal(c["path_gbp"][year]) for c in document["clusters"]) == Decimal("3000000.00")
    assert all(Decimal(c["target_gbp"]) >= 0 for c in document["clusters"])


def test_finance_access(client, world):
    from cymuned.finance.models import Budget

    Budget.objects.create(cluster=world.ag, financial_year="2024-25", budget_gbp=Decimal(100))
    Budget.objects.create(cluster=world.mid_powys, financial_year="2024-25", budget_gbp=Decimal(200))
    client.force_login(world.other_editor)
    page = client.get(reverse("finance:index"), {"year": "2024-25"}).content.decode()
    assert "Mid Powys" in page and "Amman Gwendraeth" not in page
    rows = client.get("/api/v1/finance/position", {"year": "2024-25"}).json()
    assert [r["cluster"] for r in rows] == ["MPO"]
    client.force_login(world.viewer)
    assert [r["cluster"] for r in client.get("/api/v1/finance/position", {"year": "2024-25"}).json()] == ["AG"]
    page = client.get(reverse("finance:allocation"), {"year": "2025-26"}).content.decode()
    assert "Change the weights" not in page


def test_allocation_by_neighbourhood_adds_up(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(
        reverse("finance:allocation"), {"year": "2027-28", "on": "2027-06-01", "total": "3000000"}
    ).content.decode()
    table = page[page.index('id="allocation-neighbourhoods"') :]
    table = table[: table.index("</table>")]
    assert "Pembrokeshire Integrated Neighbourhood" in table and "Llanelli Integrated Neighbourhood" in table
    body = table[table.index("<tbody") :]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    columns = list(zip(*rows, strict=True))[1:]  # after the current allocation, one column per basis
    assert len(columns) == 5  # population, deprivation, blend, age-weighted population, needs blend
    worked = [c for c in columns if all(cell.startswith("£") for cell in c)]
    assert len(worked) >= 3  # the age bases need every practice's list by age band
    for column in worked:
        assert sum(Decimal(cell[1:].replace(",", "")) for cell in column) == Decimal("3000000.00")
