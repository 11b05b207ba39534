"""The declarative importer base, through `cymuned import KIND PATH` as people call it, on small files
in the published layouts: every problem of a file in one pass, duplicates found once, bulk writes
with history, and nothing written again when nothing changed."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cymuned.finance.models import Budget, SpendLine
from cymuned.imports.base import Importer, ImportRejected, Outcome, Reference, by_code
from cymuned.imports.fields import Code, Column, Problem, Text
from cymuned.imports.models import ImportRun
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import OrgUnit

from .. import factories


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(kind, path, **options) -> str:
    out = io.StringIO()
    call_command("import", kind, path, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def refused(kind, path, **options) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", kind, path, stderr=err, **options)
    return err.getvalue()


def test_a_format_fault_does_not_hide_an_unknown_code_in_the_same_row(world, tmp_path):
    # line 2: the budget is not money AND the cluster is unknown; before, only the money was reported
    path = write(tmp_path, "b.csv", "cluster,financial_year,budget_gbp\nZZ,2025-26,lots\nAG,2025-26,100\n")
    errors = refused("budgets", path)
    assert "line 2, column “budget_gbp”" in errors
    assert "line 2, column “cluster”: “ZZ” is not a known cluster code" in errors
    assert not Budget.objects.exists()


def test_spend_reports_format_and_reference_faults_together(world, tmp_path):
    factories.project("AG-PAIN", [world.ag])
    text = (
        "cluster,financial_year,month,project_code,amount_gbp\n"
        "AG,2025-26,13,NOPE,10\n"  # a month out of range and an unknown project, on one line
        "AG,2025-26,1,AG-PAIN,10\n"
        "AG,2025-26,1,AG-PAIN,11\n"  # the same cluster, year, month and project again
    )
    errors = refused("spend", write(tmp_path, "s.csv", text))
    assert "line 2, column “month”" in errors
    assert "line 2, column “project_code”: “NOPE” is not a known project code" in errors
    assert "line 4, column “month”: AG 2025-26 1 AG-PAIN already appears on line 3" in errors
    assert not SpendLine.objects.exists()


def test_budgets_upsert_in_bulk_with_history_and_a_second_run_writes_nothing(world, tmp_path):
    text = "cluster,financial_year,budget_gbp\nAG,2025-26,100\nLL,2025-26,200\n"
    path = write(tmp_path, "b.csv", text)
    assert "2 rows: 2 created, 0 updated, 0 unchanged" in run("budgets", path, user=world.editor.username)
    history = Budget.history.count()
    assert history == 2
    assert "2 rows: 0 created, 0 updated, 2 unchanged" in run("budgets", path)
    assert Budget.history.count() == history  # nothing changed, no history written
    changed = write(tmp_path, "c.csv", text.replace("AG,2025-26,100", "AG,2025-26,150"))
    assert "2 rows: 0 created, 1 updated, 1 unchanged" in run("budgets", changed, user=world.editor.username)
    ag = Budget.objects.get(cluster=world.ag)
    assert ag.budget_gbp == Decimal(150) and ag.version == 2
    assert [h.history_user for h in ag.history.all()] == [world.editor, world.editor]
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.APPLIED).count() == 3


def test_problems_are_capped_at_500_and_the_cap_is_said(world, tmp_path):
    rows = "".join(f"ZZ{i},2025-26,x\n" for i in range(400))  # two problems a row: 800 in all
    errors = refused("budgets", write(tmp_path, "many.csv", "cluster,financial_year,budget_gbp\n" + rows))
    lines = errors.strip().splitlines()
    assert len(lines) == 501 and "more problems" in lines[-1]


# -- the copies that had drifted, each fixed once (issue 11 item 3) -----------------------------


@pytest.fixture
def measures(world):
    from cymuned.outcomes.models import Measure

    pain = factories.project("AG-PAIN", [world.ag], start_date=date(2024, 4, 1))
    for code, kind in (("referrals", "count"), ("seen-on-time", "percentage")):
        Measure.objects.create(project=pain, code=code, name_en=code, name_cy=code, kind=kind)
    return pain


VALUES = "project_code,period,measure,category,value\n"


def test_measure_values_are_checked_as_the_provider_form_checks_them(measures, tmp_path):
    from cymuned.definitions.versions import in_force
    from cymuned.outcomes.models import Measure, MeasureValue
    from cymuned.outcomes.submission import Field, check

    text = VALUES + "AG-PAIN,2025-26-Q1,seen-on-time,,250\nAG-PAIN,2025-26-Q1,referrals,,12.5\n"
    errors = refused("measure-values", write(tmp_path, "v.csv", text))
    # the provider's form refuses both (outcomes/submission.py): a percentage over 100, a count with a fraction
    assert "line 2, column “value”: Enter a percentage from 0 to 100" in errors
    assert "line 3, column “value”: Enter a whole number" in errors
    assert not MeasureValue.objects.exists()
    form = [Field("a", Measure.objects.get(code="seen-on-time"), "2025-26-Q1", "", "")]
    form.append(Field("b", Measure.objects.get(code="referrals"), "2025-26-Q1", "", ""))
    kinds = in_force("measure-kinds", date(2025, 6, 30)).content["kinds"]
    assert check(form, {"a": "250", "b": "12.5"}, kinds)[1] == {
        "a": "Enter a percentage from 0 to 100",
        "b": "Enter a whole number",
    }


def test_measure_value_periods_are_checked_against_today_and_the_project(measures, tmp_path):
    from cymuned.outcomes.models import MeasureValue

    text = VALUES
    text += "AG-PAIN,2098-99-Q1,referrals,,1\n"  # not begun: the provider form offers no such period
    text += "AG-PAIN,2023-24-Q4,referrals,,1\n"  # ends 31 March 2024, before the project began on 1 April 2024
    text += "AG-PAIN,2024-25-Q1,referrals,,1\n"
    errors = refused("measure-values", write(tmp_path, "p.csv", text))
    assert "line 2, column “period”: 2098-99-Q1 has not begun yet" in errors
    assert "line 3, column “period”: 2023-24-Q4 ends before the project started on 2024-04-01" in errors
    assert "line 4" not in errors
    assert not MeasureValue.objects.exists()


def test_a_move_without_a_later_date_is_a_problem_not_a_traceback(reference, tmp_path):
    from cymuned.orgs.models import Membership

    header = "ods_code,name,cluster,list_size,list_size_date,cluster_from\n"
    run("practices", write(tmp_path, "a.csv", header + "W91001,Glan Aman Surgery,AG,8123,2025-01-01,2024-04-01\n"))
    # a move to LL dated on the day it joined AG: before, _link raised a bare ValueError
    errors = refused(
        "practices", write(tmp_path, "b.csv", header + "W91001,Glan Aman Surgery,LL,8123,2025-01-01,2024-04-01\n")
    )
    assert "line 2, column “cluster_from”: W91001 is in AG from 2024-04-01; give the date it moves to LL" in errors
    assert ImportRun.objects.order_by("-pk").first().outcome == ImportRun.Outcome.REJECTED
    assert Membership.objects.filter(child__code="W91001").count() == 1


def test_load_reference_updates_the_end_of_a_link(db, tmp_path):
    from cymuned.orgs.models import Membership
    from cymuned.orgs.reference import load_reference

    document = {
        "units": [
            {"code": "7A2", "kind": "health_board", "name_en": "Hywel Dda"},
            {"code": "AG", "kind": "cluster", "name_en": "Amman Gwendraeth"},
        ],
        "links": [{"child": "AG", "parent": "7A2", "valid_from": "2019-04-01"}],
    }
    path = tmp_path / "wales.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    first = load_reference(path)
    assert (first.created, first.links_created) == (2, 1)
    document["links"][0]["valid_to"] = "2027-04-01"  # the cluster ends when the neighbourhoods begin
    path.write_text(json.dumps(document), encoding="utf-8")
    second = load_reference(path)
    assert (second.created, second.updated, second.links_created, second.links_updated) == (0, 0, 0, 1)
    assert Membership.objects.get().valid_to == date(2027, 4, 1)
    again = load_reference(path)
    assert (again.links_updated, Membership.history.count()) == (0, 2)  # nothing changed, no history


# -- the base's own edges -----------------------------------------------------------------------


class _OldStyle(Importer):
    """An importer written against the hooks that came before the declaration (parse_row, check_all,
    write): still run the one way, all or nothing."""

    kind = "old-style"
    label = "Old style"
    national = True
    required = ("code",)

    def parse_row(self, reader):
        code = reader.text("code", max_length=5)
        return code if reader.ok else None

    def check_all(self, parsed, problems):
        super().check_all(parsed, problems)  # no key or references declared: nothing to find
        for line, code in parsed:
            if code == "BAD":
                problems.append(Problem(line, "code", "refused"))

    def write(self, parsed):
        return Outcome(created=len(parsed))


def test_an_importer_on_the_old_hooks_still_runs(world):
    assert _OldStyle(user=world.national).run(b"code\nA\nB\n", "old.csv").created == 2
    with pytest.raises(ImportRejected) as rejected:
        _OldStyle().run(b"code\nA\nBAD\ntoolongcode\n", "old.csv")
    assert rejected.value.lines() == [
        "old.csv, line 4, column “code”: is longer than 5 characters",
        "old.csv, line 3, column “code”: refused",
    ]
    with pytest.raises(ImportRejected, match="only national administrators"):
        _OldStyle(user=world.editor).run(b"code\nA\n", "old.csv")


def test_a_declaration_missing_a_part_says_which(world):
    class NoAccess(Importer):
        kind, label = "no-access", "No access"
        columns = (Column("code", Code()),)

    class NoValues(NoAccess):
        national = True
        upsert = Upsert(Budget, key=("cluster", "financial_year"), fields=("budget_gbp",))

    class NoRows(Importer):
        kind, label, national, required = "no-rows", "No rows", True, ("code",)

    with pytest.raises(NotImplementedError, match="NoAccess declares neither national nor claims"):
        NoAccess(user=world.editor).run(b"code\nA\n", "a.csv")
    with pytest.raises(NotImplementedError, match="NoValues declares an upsert but no values"):
        NoValues().run(b"code\nA\n", "a.csv")
    with pytest.raises(NotImplementedError):
        NoRows().run(b"code\nA\n", "a.csv")
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.FAILED).count() == 3


def test_a_record_row_names_its_cells_in_a_reference_message(world):
    class Named(Importer):
        kind, label, national = "named", "Named", True
        columns = (Column("cluster", Code()), Column("note", Text(), required=False))
        references = (
            Reference(
                "cluster",
                by_code(lambda: OrgUnit.objects.all()),
                "“%(code)s” is not known (note: %(note)s)",
                code=lambda row: row.cluster or None,
            ),
        )

    with pytest.raises(ImportRejected) as rejected:
        Named().run(b"cluster,note\nZZ,hello\nAG,\n", "n.csv")
    assert rejected.value.lines() == ["n.csv, line 2, column “cluster”: “ZZ” is not known (note: hello)"]


# -- each importer's own checks, on small files in the published layouts --------------------------

PROJECTS = "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n"


def test_a_change_of_clusters_alone_updates_a_project_with_history(world, tmp_path):
    from cymuned.portfolio.models import Project

    run("projects", write(tmp_path, "p.csv", PROJECTS + "AG-PAIN,Pain,AG,,,2024-04-01,,1000\n"))
    moved = write(tmp_path, "q.csv", PROJECTS + "AG-PAIN,Pain,AG;LL,,,2024-04-01,,1000\n")
    assert "1 row: 0 created, 1 updated, 0 unchanged" in run("projects", moved)
    project = Project.objects.get(code="AG-PAIN")
    assert sorted(project.clusters.values_list("code", flat=True)) == ["AG", "LL"]
    assert project.version == 2 and project.history.count() == 2
    assert "1 row: 0 created, 0 updated, 1 unchanged" in run("projects", moved)
    errors = refused(
        "projects", write(tmp_path, "r.csv", PROJECTS + "AG-X,X,;;,,,2024-04-01,,1\nAG-Y,Y,ZZ;QQ,,,x,,1\n")
    )
    assert "line 2, column “clusters”: name at least one cluster code, separated by ;" in errors
    # a bad start date does not hide the unknown clusters of the same row
    assert (
        "line 3, column “start_date”" in errors
        and "line 3, column “clusters”: not known cluster codes: ZZ, QQ" in errors
    )


def test_monthly_measure_values_take_months_and_quarterly_ones_quarters(measures, tmp_path):
    from cymuned.outcomes.models import Measure, MeasureValue

    Measure.objects.create(
        project=measures, code="waiting", name_en="Waiting", name_cy="Aros", kind="count", frequency="monthly"
    )
    text = VALUES + (
        "AG-PAIN,2025-12,waiting,,4\n"  # December: the month's last day is 31 December
        "AG-PAIN,2025-26-Q1,waiting,,4\n"  # a monthly measure given a quarter
        "AG-PAIN,2025-01,referrals,,4\n"  # a quarterly measure given a month
        "AG-PAIN,2025-13,referrals,,4\n"  # neither a month nor a quarter
    )
    errors = refused("measure-values", write(tmp_path, "m.csv", text))
    assert "line 2" not in errors
    assert "line 3, column “period”: this measure is returned monthly; give a month like 2025-01" in errors
    assert "line 4, column “period”: this measure is returned quarterly; give a quarter like 2024-25-Q4" in errors
    assert "line 5, column “period”: “2025-13” is not a quarter like 2024-25-Q4 or a month like 2025-01" in errors
    run("measure-values", write(tmp_path, "ok.csv", VALUES + "AG-PAIN,2025-12,waiting,,4\n"))
    assert MeasureValue.objects.get().period == "2025-12"


def test_practice_rows_name_their_neighbourhood_date_and_codes_used_by_other_units(reference, tmp_path):
    header = "ods_code,name,cluster,list_size,list_size_date,neighbourhood,neighbourhood_from\n"
    text = header + "W91001,Glan Aman,AG,10,2025-01-01,IN-TT,\nAG,Not a practice,AG,10,2025-01-01,,\n"
    errors = refused("practices", write(tmp_path, "p.csv", text))
    assert "line 2, column “neighbourhood_from”: is required when a neighbourhood is given" in errors
    assert "line 3, column “ods_code”: “AG” is not a practice ODS code like W12345" in errors
    clash = write(tmp_path, "c.csv", header + "W91001,Glan Aman,AG,10,2025-01-01,,\n")
    from cymuned.orgs.models import Kind

    factories.unit(Kind.COLLABORATIVE, "W91001")  # a code already used by another kind of unit
    assert "line 2, column “ods_code”: W91001 is already used by a unit that is not a practice" in refused(
        "practices", clash
    )
