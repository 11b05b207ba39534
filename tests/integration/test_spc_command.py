"""`cymuned spc` as an analyst runs it: a CSV file or standard input in, the JSON or CSV contract out,
clear errors without a traceback; and the outcomes page drawing what it computes."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cymuned.outcomes.models import Measure, MeasureValue, ScoreObservation

from .. import factories

# By hand (as tests/unit/test_spc.py): twelve points alternating 10, 12 fix mean 11 and limits 5.68 … 16.32;
# then eight rising points from 8 cross the mean (a trend, improvement when higher is better), the last, 17,
# beyond the upper limit too.
ROWS = [*((f"2023-{i + 1:02d}", v) for i, v in enumerate([10, 12] * 6)), *(
    (f"2024-{i + 1:02d}", v) for i, v in enumerate([8, 9, 10, 10.5, 11.5, 12, 13, 17])
)]  # fmt: skip
KEYS = {"period", "value", "mean", "upper", "lower", "special_cause", "kind", "rules"}


def csv_text(rows=ROWS) -> str:
    return "period,value\n" + "".join(f"{p},{v}\n" for p, v in rows)


def run(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CYMUNED_DEV": "1", "DJANGO_SETTINGS_MODULE": "cymuned.settings"}
    return subprocess.run(
        [sys.executable, "-m", "cymuned.cli", "spc", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def series_file(tmp_path) -> Path:
    path = tmp_path / "series.csv"
    path.write_text(csv_text(), encoding="utf-8")
    return path


def test_json_contract(series_file):
    done = run(str(series_file), "--direction", "higher", "--target", "9", "--baseline", "12", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert set(found) == {"points", "variation", "assurance", "warnings"}
    assert all(set(p) == KEYS for p in found["points"])
    assert [p["period"] for p in found["points"]] == [p for p, _v in ROWS]
    first = found["points"][0]
    assert (first["mean"], first["upper"], first["lower"]) == pytest.approx((11, 16.32, 5.68), abs=1e-12)
    assert [p["kind"] for p in found["points"][12:]] == ["improvement"] * 8
    assert found["points"][12]["rules"] == ["trend"] and found["points"][12]["special_cause"] is True
    assert found["points"][19]["rules"] == ["beyond_limits", "trend"]  # in order of precedence
    assert found["points"][0] == {**first, "special_cause": False, "kind": "common", "rules": []}
    # latest point beyond the upper limit, higher is better; target 9 within 5.68 … 16.32
    assert (found["variation"], found["assurance"]) == ("improvement_high", "hit_or_miss")
    assert found["warnings"] == []


def test_csv_from_standard_input_with_a_recalculation():
    done = run("-", "--direction", "lower", "--recalculate-at", "2024-01", "--format", "csv", stdin=csv_text())
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == ["period", "value", "mean", "upper", "lower", "special_cause", "kind", "rules"]
    assert float(rows[0]["mean"]) == 11 and float(rows[12]["mean"]) == pytest.approx(91 / 8)
    assert {r["special_cause"] for r in rows} <= {"true", "false"}
    # the second limits period has eight points: provisional, said on standard error
    assert "fewer than 12" in done.stderr


def test_provisional_limits_give_no_icons_in_json():
    done = run("-", "--target", "5", "--direction", "higher", "--format", "json", stdin=csv_text(ROWS[:11]))
    found = json.loads(done.stdout)
    assert found["variation"] is None and found["assurance"] is None
    assert any("fewer than 12" in w for w in found["warnings"])


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("", (), "the file is empty"),
        ("value,period\n1,2\n3,4\n", (), "row 1: the columns must be period,value"),
        ("period,value\nA,1\nB,lots\n", (), "row 3, column value: 'lots' is not a number"),
        ("period,value\nA,1\nA,2\n", (), "row 3, column period: A already given in row 2"),
        ("period,value\nA,1\n", (), "at least two rows"),
        ("period,value\nA,1\nB,2,3\n", (), "row 3: expected 2 columns"),
        ("period,value\nA,1\nB,2\n", ("--recalculate-at", "Z"), "--recalculate-at Z: no such period"),
        ("period,value\nA,1\nB,2\nC,3\n", ("--recalculate-at", "C"), "fewer than two points"),
        ("period,value\nA,1\nB,nan\n", (), "'nan' is not a number"),
        ("period,value\nA,1\nB,2\n", ("--baseline", "1"), "--baseline must be at least 2"),
    ],
)
def test_bad_input_is_named(monkeypatch, text, args, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out = io.StringIO()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("spc", "-", *args, "--format", "json", stdout=out)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("period,value\nA,1\nB,lots\n", (), "standard input, row 3, column value: 'lots' is not a number"),
        ("period,value\nA,1\nB,2\n", ("--target", "high"), "argument --target: 'high' is not a number"),
    ],
)
def test_bad_input_on_the_command_line_gives_no_traceback(text, args, message):
    done = run("-", *args, "--format", "json", stdin=text)
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_missing_file_is_named(tmp_path):
    done = run(str(tmp_path / "nowhere.csv"), "--format", "csv")
    assert done.returncode != 0 and "nowhere.csv: cannot be read" in done.stderr and "Traceback" not in done.stderr


def test_the_outcomes_page_draws_what_the_command_computes(client, world):
    project = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    measure = Measure.objects.create(
        project=project, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind="count", target=9
    )
    MeasureValue.objects.bulk_create(MeasureValue(measure=measure, period=p, value=Decimal(str(v))) for p, v in ROWS)
    score = Measure.objects.create(
        project=project, code="c-act", name_en="C-ACT", name_cy="C-ACT", kind="score", threshold=20
    )
    ScoreObservation.objects.bulk_create(
        ScoreObservation(measure=score, subject=f"S{i}", before=b, after=a)
        for i, (b, a) in enumerate([(19, 21), (20, 23), (15, 19), (22, 25), (18, None)])
    )
    client.force_login(world.viewer)
    page = client.get(reverse("outcomes:project", args=["AG-PAIN"])).content.decode()
    # without a baseline the limits come from all 20 points: the latest point (17) is beyond them
    assert 'aria-label="Special cause variation: improvement (higher values)."' in page
    assert 'aria-label="The process will hit and miss the target at random."' in page
    assert 'id="table-referrals-0"' in page and '<th scope="row" class="nhsuk-table__header">August 2024</th>' in page
    assert "Special cause: improvement (beyond a limit, trend of seven)" in page
    # before/after: four pairs, one lost to follow-up, C-ACT ≥ 20: 2 of 4 before, 3 of 4 after
    assert "1 lost to follow-up" in page and "Reaching ≥ 20: 2 of 4 (50%) before, 3 of 4 (75%) after." in page
    client.force_login(world.outsider)
    assert client.get(reverse("outcomes:project", args=["AG-PAIN"])).status_code in (403, 404)


def test_a_recalculation_that_cannot_be_made_is_ignored_with_a_warning(client, world):
    project = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    measure = Measure.objects.create(project=project, code="r", name_en="R", name_cy="R", kind="count")
    MeasureValue.objects.bulk_create(MeasureValue(measure=measure, period=p, value=Decimal(str(v))) for p, v in ROWS)
    client.force_login(world.viewer)
    response = client.get(reverse("outcomes:project", args=["AG-PAIN"]) + "?recalculate=19")
    assert response.status_code == 200
    assert "The recalculation asked for was ignored" in response.content.decode()


def test_data_pack_charts_carry_the_icons_and_a_table(world):
    from cymuned.outcomes.charts import charts_for_project
    from cymuned.reports.document import Document, Figure, Table
    from cymuned.reports.render_html import render_fragment

    project = factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service")
    measure = Measure.objects.create(
        project=project, code="referrals", name_en="Referrals", name_cy="Atgyfeiriadau", kind="count", target=9
    )
    MeasureValue.objects.bulk_create(MeasureValue(measure=measure, period=p, value=Decimal(str(v))) for p, v in ROWS)
    [(spec, alt, caption, table)] = charts_for_project(project, "2024-25-Q4")
    images = [layer for layer in spec["layer"] if layer["mark"]["type"] == "image"]
    assert len(images[0]["data"]["values"]) == 2  # variation and assurance, drawn into the chart
    assert "improvement (higher values)" in alt and "hit and miss" in alt
    assert table.header[0] == "Period" and len(table.rows) == len(ROWS)
    html = render_fragment(Document("t", "en", (Figure(spec, alt, caption), Table(table.header, table.rows))))
    assert "<image" in html and "August 2024" in html  # periods in words where people read them (issue 13)
