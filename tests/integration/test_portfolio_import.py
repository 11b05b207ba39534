import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from cymuned.portfolio.models import MonitoringReturn, Project

PROJECTS = "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n"
RETURNS = (
    "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
    "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.fixture
def projects(reference, tmp_path):
    text = (
        PROJECTS
        + 'AG-PAIN,Persistent Pain Service,AG;NC,Pain,,2022-03-01,2026-03-31,"£45,000.00"\nLL-HTN,Hypertension,LL,CVD,hypertension,2024-04-01,,20000\n'
    )
    call_command("import", "projects", write(tmp_path, "projects.csv", text), verbosity=0)


def snapshot():
    return (
        sorted(Project.objects.values_list("code", "name", "annual_budget_gbp", "version")),
        sorted(
            MonitoringReturn.objects.values_list(
                "project__code", "period", "status", "computed_rag", "narrative", "version"
            )
        ),
        Project.history.count(),
        MonitoringReturn.history.count(),
    )


def test_projects_with_clusters_and_money(projects):
    pain = Project.objects.get(code="AG-PAIN")
    assert sorted(pain.clusters.values_list("code", flat=True)) == ["AG", "NC"]
    assert str(pain.annual_budget_gbp) == "45000.00"
    assert Project.objects.get(code="LL-HTN").priority_condition == "hypertension"


def test_returns_with_bom_crlf_and_the_rules_applied(projects, tmp_path):
    text = (
        "\ufeff"
        + RETURNS.replace("\n", "\r\n")
        + (
            'AG-PAIN,2025-26-Q2,96,"£20,000.50",20500,3,expected,none,engaged,Going well,,\r\n'
            "LL-HTN,2025-26-Q2,120,1000,1072,0,expected,none,engaged,,,\r\n"
        )
    )
    call_command("import", "returns", write(tmp_path, "returns.csv", text), verbosity=0)
    pain = MonitoringReturn.objects.get(project__code="AG-PAIN")
    assert (pain.budget_gbp, pain.status) == (pytest.approx(20000.50), "amber")
    assert MonitoringReturn.objects.get(project__code="LL-HTN").status == "red"  # 7.2 % overspend


def test_xlsx_returns(projects, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(RETURNS.strip().split(","))
    sheet.append(
        [
            "AG-PAIN",
            "2025-26-Q2",
            100,
            20000,
            19000.5,
            0,
            "expected",
            "none",
            "engaged",
            "",
            "amber",
            "Waiting list risk",
        ]
    )
    path = tmp_path / "returns.xlsx"
    workbook.save(path)
    call_command("import", "returns", str(path), verbosity=0)
    item = MonitoringReturn.objects.get()
    assert (item.computed_rag, item.status, item.override_reason) == (
        "green",
        "amber",
        "Waiting list risk",
    )


def test_one_bad_row_leaves_the_database_exactly_as_it_was(projects, tmp_path):
    good = RETURNS + "AG-PAIN,2025-26-Q1,100,1000,1000,0,expected,none,engaged,first,,\n"
    call_command("import", "returns", write(tmp_path, "first.csv", good), verbosity=0)
    before = snapshot()
    bad = RETURNS + (
        "AG-PAIN,2025-26-Q1,90,1000,1000,0,expected,none,engaged,changed,,\n"
        "LL-HTN,2025-26-Q1,100,1000,1000,0,excellent,none,engaged,,,\n"
        "XX-NONE,2025-26-Q5,100,1000,1000,0,expected,none,engaged,,red,\n"
    )
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "returns", write(tmp_path, "bad.csv", bad), stderr=stderr)
    errors = stderr.getvalue()
    assert "line 3, column “quality”: “excellent” is not one of: expected, problems, significant_problems" in errors
    assert "line 4, column “period”: “2025-26-Q5” is not a period like 2025-26-Q2" in errors
    assert "line 4, column “override_reason”: an override needs a reason" in errors
    assert snapshot() == before


def test_reimport_changes_nothing_and_a_change_is_recorded(projects, tmp_path):
    text = RETURNS + "AG-PAIN,2025-26-Q1,100,1000,1000,0,expected,none,engaged,first,,\n"
    path = write(tmp_path, "returns.csv", text)
    call_command("import", "returns", path, verbosity=0)
    before = snapshot()
    out = io.StringIO()
    call_command("import", "returns", path, stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()
    assert snapshot() == before
    call_command(
        "import",
        "returns",
        write(tmp_path, "changed.csv", text.replace(",100,1000,1000", ",90,1000,1000")),
        verbosity=0,
    )
    item = MonitoringReturn.objects.get()
    assert (item.status, item.version) == ("red", 2)
    assert item.history.count() == 2
    assert str(item.history.first().target_attainment_pct) == "90.00"


def test_ten_thousand_returns_in_one_command(reference, tmp_path):
    projects = "".join(f"P{i:05d},Project {i},AG,Theme,,2024-04-01,,1000\n" for i in range(2500))
    call_command("import", "projects", write(tmp_path, "p.csv", PROJECTS + projects), verbosity=0)
    periods = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4"]
    rows = "".join(
        f"P{i:05d},{period},{95 + (i + q) % 10},1000,{990 + (i * q) % 70},{(i + q) % 6},expected,none,engaged,,,\n"
        for i in range(2500)
        for q, period in enumerate(periods)
    )
    path = write(tmp_path, "returns.csv", RETURNS + rows)
    call_command("import", "returns", path, verbosity=0)
    assert MonitoringReturn.objects.count() == 10_000
    assert not MonitoringReturn.objects.filter(status="").exists()
    before = snapshot()
    call_command("import", "returns", path, verbosity=0)
    assert snapshot() == before
