"""`cymuned import measure-values`, called as people call it, on small files in the published layout."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cymuned.imports.models import ImportRun
from cymuned.outcomes.models import ExpectedReturn, Measure, MeasureValue, Provider

from .. import factories

HEADER = "project_code,period,measure,category,value\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "measure-values", path, stdout=out, stderr=err, **options)
    return out.getvalue()


def refused(path, **options) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "measure-values", path, stderr=err, **options)
    return err.getvalue()


@pytest.fixture
def measures(world):
    pain = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    factories.project("MPO-MIND", [world.mid_powys], name="Mind Powys")
    Measure.objects.create(project=pain, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind="count")
    Measure.objects.create(
        project=pain,
        code="reasons",
        name_en="Reasons",
        name_cy="Rhesymau",
        kind="categories",
        categories=[
            {"key": "back", "en": "Back pain", "cy": "Poen cefn"},
            {"key": "neck", "en": "Neck pain", "cy": "Poen gwddf"},
        ],
    )
    provider = Provider.objects.create(name="Pain team", email="pain@example.invalid")
    return ExpectedReturn.objects.create(project=pain, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31))


def test_values_are_created_then_unchanged_then_updated_with_history(measures, tmp_path):
    text = HEADER + "ag-pain,2025-26-Q1,referrals,,12\nAG-PAIN,2025-26-Q1,reasons,back,4\n"
    assert "2 rows: 2 created, 0 updated, 0 unchanged" in run(write(tmp_path, "v.csv", text))
    values = {(v.measure.code, v.category): v.value for v in MeasureValue.objects.select_related("measure")}
    assert values == {("referrals", ""): Decimal(12), ("reasons", "back"): Decimal(4)}
    measures.refresh_from_db()
    assert measures.first_submitted_at is not None  # the expected return counts as received
    first = measures.first_submitted_at

    assert "2 rows: 0 created, 0 updated, 2 unchanged" in run(write(tmp_path, "v.csv", text))
    changed = text.replace("referrals,,12", "referrals,,15")
    assert "2 rows: 0 created, 1 updated, 1 unchanged" in run(write(tmp_path, "changed.csv", changed))
    item = MeasureValue.objects.get(measure__code="referrals")
    assert item.value == Decimal(15) and item.history.count() == 2
    measures.refresh_from_db()
    assert measures.first_submitted_at == first  # a correction does not move the first submission
    assert list(ImportRun.objects.values_list("outcome", flat=True)) == [ImportRun.Outcome.APPLIED] * 3


def test_every_reference_fault_is_reported_and_nothing_is_written(measures, tmp_path):
    text = HEADER + (
        "AG-PAIN,2025-26-Q1,referrals,,12\n"
        "AG-PAIN,2025-26-Q1,waiting,,3\n"
        "AG-PAIN,2025-26-Q1,reasons,knee,1\n"
        "AG-PAIN,2025-26-Q1,referrals,back,2\n"
        "AG-PAIN,2025-26-Q1,referrals,,13\n"
    )
    errors = refused(write(tmp_path, "bad.csv", text))
    assert "line 3, column “measure”: “waiting” is not a measure of project AG-PAIN" in errors
    assert "line 4, column “category”: “knee” is not one of: back, neck" in errors
    assert "line 5, column “category”: this measure has no categories; leave it blank" in errors
    assert "line 6, column “value”: AG-PAIN referrals 2025-26-Q1 already appears on line 2" in errors
    assert not MeasureValue.objects.exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REJECTED


def test_a_value_that_is_not_a_number_is_refused(measures, tmp_path):
    errors = refused(
        write(tmp_path, "bad.csv", HEADER + "AG-PAIN,2025-26-Q1,referrals,,-1\nAG-PAIN,2025-26-Q1,referrals,,x\n")
    )
    assert "line 2, column “value”" in errors and "line 3, column “value”" in errors
    assert not MeasureValue.objects.exists()


def test_dry_run_checks_and_writes_nothing(measures, tmp_path):
    out = run(write(tmp_path, "v.csv", HEADER + "AG-PAIN,2025-26-Q1,referrals,,12\n"), dry_run=True)
    assert "checked (dry run) 1 row: 1 created" in out
    assert not MeasureValue.objects.exists()


def test_a_person_may_load_values_only_for_projects_they_edit(measures, world, tmp_path):
    path = write(tmp_path, "v.csv", HEADER + "AG-PAIN,2025-26-Q1,referrals,,12\n")
    errors = refused(path, user=world.other_editor.username)
    # a project the person may not see reads exactly like an unknown one (issue 10 item 5)
    assert "line 2" in errors and "“referrals” is not a measure of project AG-PAIN" in errors
    assert not MeasureValue.objects.exists()
    run(path, user=world.editor.username)
    assert MeasureValue.objects.get().value == Decimal(12)
