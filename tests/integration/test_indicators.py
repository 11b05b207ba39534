"""The registers and list-sizes imports, `cymuned indicators`, and the dashboard page: who is refused,
a neighbourhood after 1 April 2027 equal to the sum of its practices, and the query budget."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from cymuned.imports.base import ImportRejected
from cymuned.indicators.definitions import shipped
from cymuned.indicators.importers import ListSizeImporter, RegisterImporter
from cymuned.indicators.loading import load as load_definitions
from cymuned.indicators.models import PatientCount, RegisterCount
from cymuned.orgs.models import Kind

from .. import factories


@pytest.fixture
def registers(world):
    """Two AG practices joining a neighbourhood from 1 April 2027, one LL practice, Hywel Dda and Wales rows."""
    load_definitions(shipped())
    area = factories.unit(
        Kind.NEIGHBOURHOOD, "IN-X", parent=world.hywel_dda, since=date(2027, 4, 1), name_en="Neighbourhood X"
    )
    p1 = factories.practice(world.ag, code="W91001")
    p2 = factories.practice(world.ag, code="W91002")
    factories.practice(world.ll, code="W91003")
    for practice in (p1, p2):
        from cymuned.orgs.models import Membership

        Membership.objects.create(child=practice, parent=area, valid_from=date(2027, 4, 1))
    text = (
        "Data values,Year,Area Code,Register,Measure,Notes\n"
        "800,2024-25,W91001,Hypertension,Patients on register,\n"
        "5000,2024-25,W91001,Hypertension,Denominator,\n"
        "300,2024-25,W91002,HYPERTENSION,,\n"
        "2000,2024-25,W91002,hypertension,denominator,\n"
        "3,2024-25,W91003,Hypertension,,\n"
        "1000,2024-25,W91003,Hypertension,Denominator,\n"
        "7000,2024-25,7A2,Hypertension,,\n"
        "50000,2024-25,7A2,Hypertension,Denominator,\n"
        "480000,2024-25,W92000004,Hypertension,,\n"
        "3200000,2024-25,W92000004,Hypertension,Denominator,published\n"
    )
    RegisterImporter(user=world.national).run(text.encode(), "registers.csv")
    return area


def test_registers_import_matches_names_and_levels(world, registers):
    assert RegisterCount.objects.count() == 10
    wales = RegisterCount.objects.get(area__kind=Kind.NATION, measure="denominator")
    assert wales.value == 3_200_000 and wales.notes == "published"
    # the same file again changes nothing
    assert set(RegisterCount.objects.values_list("register", flat=True)) == {"hypertension"}


def test_a_bad_registers_file_names_row_and_column_and_writes_nothing(world, registers):
    bad = "Data values,Year,Area code,Register\n12,2024-25,W91001,Gout\nx,2024-26,NOPE,Asthma\n"
    with pytest.raises(ImportRejected) as refused:
        RegisterImporter(user=world.national).run(bad.encode(), "bad.csv")
    text = str(refused.value)
    assert "bad.csv, line 2, column “register”" in text and "Gout" in text
    assert "line 3, column “data_values”" in text and "line 3, column “year”" in text
    assert RegisterCount.objects.count() == 10


def test_only_national_administrators_import_registers_and_list_sizes(world, registers):
    rows = "practice_code,date,age_band,sex,patients\nW91001,2025-01-01,0 to 4,F,40\nW91001,2025-01-01,85+,male,7\n"
    for person in (world.editor, world.viewer, world.outsider):
        with pytest.raises(ImportRejected, match="only national administrators"):
            ListSizeImporter(user=person).run(rows.encode(), "list.csv")
    ListSizeImporter(user=world.national).run(rows.encode(), "list.csv")
    assert sorted(PatientCount.objects.values_list("age_band", "sex", "patients")) == [
        ("0-4", "female", 40),
        ("85+", "male", 7),
    ]


def run(*args) -> dict:
    out = StringIO()
    call_command("indicators", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_command_json_keys_and_published_comparators(world, registers):
    found = run("--unit", "AG", "--year", "2024-25", "--format", "json")
    assert set(found) == {"unit", "year", "indicators"}
    row = next(r for r in found["indicators"] if r["id"] == "hypertension")
    assert set(row) == {"id", "numerator", "denominator", "value", "lower_95", "upper_95", "compared_with"}
    # AG = W91001 + W91002: 1,100 of 7,000 = 15.71 %
    assert (row["numerator"], row["denominator"], row["value"]) == ("1100", "7000", "15.71")
    board = row["compared_with"]["health_board"]
    assert set(board) == {"code", "value", "significance", "judgement"}
    # Hywel Dda's published row 7,000 / 50,000 = 14.00 %; Wales 480,000 / 3,200,000 = 15.00 %
    assert board == {"code": "7A2", "value": "14.00", "significance": "higher", "judgement": None}
    assert row["compared_with"]["wales"]["value"] == "15.00"
    assert row["compared_with"]["wales"]["significance"] == "similar"  # Wilson 95 %: 14.88–16.58 holds 15.00


def test_a_neighbourhood_after_1_april_2027_is_the_sum_of_its_practices(world, registers):
    found = run("--unit", "IN-X", "--year", "2024-25", "--on", "2027-04-01")
    row = next(r for r in found["indicators"] if r["id"] == "hypertension")
    assert (row["numerator"], row["denominator"]) == (str(800 + 300), str(5000 + 2000))
    before = run("--unit", "IN-X", "--year", "2024-25", "--on", "2027-03-31")
    assert next(r for r in before["indicators"] if r["id"] == "hypertension")["numerator"] is None


def test_a_count_below_five_is_withheld_by_the_command(world, registers):
    found = run("--unit", "LL", "--year", "2024-25")
    row = next(r for r in found["indicators"] if r["id"] == "hypertension")
    assert row["value"] is None and row["numerator"] is None and row["lower_95"] is None


def test_bad_options_are_clear_errors(world, registers):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--year"):
        run("--unit", "AG", "--year", "2024-26")
    with pytest.raises(CommandError, match="--unit"):
        run("--unit", "NOPE", "--year", "2024-25")


def test_dashboard_page_for_viewers_and_refused_for_others(client, world, registers, django_assert_max_num_queries):
    client.force_login(world.viewer)
    with django_assert_max_num_queries(30):
        page = client.get("/indicators/AG/?year=2024-25")
    body = page.content.decode()
    assert page.status_code == 200
    assert "significantly higher than Hywel Dda University Health Board’s 14.00 %" in body
    assert "Funnel plot" in body and "spine" in body
    assert client.get("/indicators/AG/?year=2024-25&format=csv").content.decode().count("\n") == 21
    for person, status in ((world.other_editor, 404), (world.outsider, 404)):
        client.force_login(person)
        assert client.get("/indicators/AG/?year=2024-25").status_code in (403, status)
    client.logout()
    assert client.get("/indicators/AG/?year=2024-25").status_code == 302


def test_dashboard_in_welsh(client, world, registers):
    client.force_login(world.viewer)
    client.cookies["django_language"] = "cy"
    body = client.get("/indicators/AG/?year=2024-25", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Cyffredinrwydd gorbwysedd" in body


def test_imports_refuse_a_repeated_row_and_change_nothing_when_run_again(world, registers):
    # the same register, year, area and measure twice, spelled differently: the second names the first
    twice = "Data values,Year,Area code,Register\n12,2024-25,W91001,Asthma\n13,2024-25,w91001,ASTHMA\n"
    with pytest.raises(ImportRejected, match="line 3, column “data_values”"):
        RegisterImporter(user=world.national).run(twice.encode(), "twice.csv")
    rows = "practice_code,date,age_band,sex,patients\nW91001,2025-01-01,0-4,F,40\nW91001,2025-01-01,0 to 4,female,41\n"
    with pytest.raises(ImportRejected, match="line 3, column “patients”"):
        ListSizeImporter(user=world.national).run(rows.encode(), "twice.csv")
    history = RegisterCount.history.count()
    again = (
        "Data values,Year,Area Code,Register,Measure,Notes\n"
        "800,2024-25,W91001,Hypertension,Patients on register,\n"
        "5001,2024-25,W91001,Hypertension,Denominator,\n"
    )
    outcome = RegisterImporter(user=world.national).run(again.encode(), "again.csv")
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert RegisterCount.history.count() == history + 1


def test_the_dashboard_is_kept_until_a_definition_or_count_changes_and_downloads_are_sent_as_they_are(
    client, world, registers
):
    """A kept page (cymuned.caching): served again without the work while nothing it reads changes;
    a definition is recorded in history, so a new one changes the data version."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cymuned.indicators.models import IndicatorDefinition

    client.force_login(world.viewer)
    path = "/indicators/AG/?year=2024-25"
    first = client.get(path)
    with CaptureQueriesContext(connection) as again:
        assert client.get(path).status_code == 200
    assert len(again) <= 5  # session, person, data version, roles: no dashboard work
    definition = IndicatorDefinition.objects.get(code="hypertension")
    definition.name_en = "Hypertension, renamed"
    definition.save()
    assert "Hypertension, renamed" in client.get(path).content.decode()
    assert "Hypertension, renamed" not in first.content.decode()
    for fmt, kind, starts in (("csv", "text/csv", b"\xef\xbb\xbfunit,year"), ("xlsx", "spreadsheetml", b"PK")):
        for _ in range(2):  # the second is no page kept from the first: a file, with its name
            download = client.get(f"{path}&format={fmt}")
            assert download.status_code == 200 and kind in download["Content-Type"]
            assert "attachment" in download["Content-Disposition"] and download.content.startswith(starts)


def test_a_funnels_limits_are_four_lines_drawn_at_the_limits_worked_out(world, registers):
    """The limits travel as one row per denominator, folded into lines by the chart: each value is
    `funnel_limits` (tested against its references in tests/unit) to three decimals, no field name has
    a dot (Vega would read it as a path and draw nothing), and the rendered chart has the four lines."""
    import re

    from cymuned.charts import to_svg
    from cymuned.indicators import charts
    from cymuned.indicators.dashboard import build
    from cymuned.periods import FinancialYear
    from cymuned.statistics.proportions import funnel_limits

    built = build(world.ag, FinancialYear.parse("2024-25"))
    row = next(r for r in built.rows if r.definition.id == "hypertension")
    spec = charts.funnel(row, built, None)
    assert spec is not None
    layer = spec["layer"][0]
    names = layer["transform"][0]["fold"]
    assert len(names) == 4 and not any("." in name for name in names)
    centre = row.wales.figure.value / 100
    rows = layer["data"]["values"]
    assert len(rows) == charts.FUNNEL_STEPS + 1
    for limit_row in rows[:: charts.FUNNEL_STEPS // 4]:
        for level, key in ((0.95, "95"), (0.998, "99_8")):
            band = funnel_limits(centre, limit_row["denominator"], level)
            assert limit_row[f"{key}_lower"] == pytest.approx(band.lower * 100, abs=0.002)
            assert limit_row[f"{key}_upper"] == pytest.approx(band.upper * 100, abs=0.002)
    svg = to_svg(spec)
    assert len(re.findall(r'class="mark-line role-mark layer_0_marks"', svg)) == 4
