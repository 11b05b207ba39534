"""Issue 12 item 18: the demonstration's synthetic spend is labelled synthetic where it is shown (the
finance page, its charts, the API, the papers), and a spend file says which lines are synthetic in
an optional `synthetic` column read as every importer reads yes or no."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cymuned.finance.models import SpendLine
from cymuned.finance.position import cluster_positions, neighbourhood_positions, total
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .. import factories

HEADER = "cluster,financial_year,month,project_code,amount_gbp"


def imported(tmp_path, text: str) -> None:
    path = tmp_path / "spend.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import", "spend", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_the_synthetic_column_reads_yes_and_no_and_may_be_left_out(world, tmp_path):
    factories.project("AG-PAIN", [world.ag])
    imported(
        tmp_path,
        f"{HEADER},synthetic\nAG,2025-26,1,,10,yes\nAG,2025-26,2,,10,TRUE\nAG,2025-26,3,,10,no\n"
        "AG,2025-26,4,,10,false\nAG,2025-26,5,,10,\nAG,2025-26,6,AG-PAIN,10,y\n",
    )
    made_up = dict(SpendLine.objects.values_list("month", "synthetic"))
    assert made_up == {1: True, 2: True, 3: False, 4: False, 5: False, 6: True}
    imported(tmp_path, f"{HEADER}\nAG,2025-26,1,,10\n")  # without the column: not synthetic
    assert SpendLine.objects.get(month=1).synthetic is False


def test_a_synthetic_value_that_is_not_yes_or_no_is_refused_and_nothing_written(world, tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text(f"{HEADER},synthetic\nAG,2025-26,1,,10,maybe\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "spend", str(path), stderr=err)
    assert "line 2, column “synthetic”: “maybe” is not one of" in err.getvalue()
    assert not SpendLine.objects.exists()


def test_real_spend_has_no_synthetic_tag(client, world, tmp_path):
    from cymuned.finance.models import Budget

    Budget.objects.create(cluster=world.ag, financial_year="2025-26", budget_gbp=1000)
    imported(tmp_path, f"{HEADER}\nAG,2025-26,1,,10\n")
    client.force_login(world.viewer)
    page = client.get(reverse("finance:index"), {"year": "2025-26"}).content.decode()
    assert "nhsuk-tag" not in page and "synthetic-note" not in page


def test_a_neighbourhood_holding_a_synthetic_cluster_is_synthetic(world, tmp_path):
    from cymuned.finance.models import Budget

    for cluster in (world.ag, world.ll):
        Budget.objects.create(cluster=cluster, financial_year="2025-26", budget_gbp=1000)
    imported(tmp_path, f"{HEADER},synthetic\nAG,2025-26,1,,10,yes\nLL,2025-26,1,,10,no\n")
    rows = cluster_positions(FinancialYear.parse("2025-26"), [world.ag, world.ll])
    assert [(p.code, p.synthetic) for p in rows] == [("AG", True), ("LL", False)]
    assert total(rows).synthetic
    # no neighbourhoods in this world: both clusters are "not in a neighbourhood", which holds AG's spend
    assert not OrgUnit.objects.filter(kind=Kind.NEIGHBOURHOOD).exists()
    found = neighbourhood_positions(rows, [world.ag, world.ll], date(2026, 1, 1))
    assert [(p.code, p.synthetic) for p in found] == [("", True)]
