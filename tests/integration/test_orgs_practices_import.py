import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from cymuned.imports.models import ImportRun
from cymuned.orgs.hierarchy import cluster_of, list_size_on, neighbourhood_of
from cymuned.orgs.models import ListSize, Membership, OrgUnit

HEADER = "ods_code,name,cluster,list_size,list_size_date"


def write(tmp_path, text: str, name="practices.csv", encoding="utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def database_state():
    return (
        sorted(OrgUnit.objects.values_list("code", "name_en")),
        sorted(Membership.objects.values_list("child__code", "parent__code", "valid_from", "valid_to")),
        sorted(ListSize.objects.values_list("practice__code", "patients", "as_of")),
    )


def test_imports_practices_with_bom_and_crlf(reference, tmp_path):
    path = write(
        tmp_path,
        "\ufeff"
        + HEADER
        + '\r\nW91001,Glan Aman Surgery,AG,8123,2025-01-01\r\nW91002,Harbour Surgery,LL,"6,001",2025-01-01\r\n',
    )
    call_command("import", "practices", path, verbosity=0)
    practice = OrgUnit.objects.get(code="W91002")
    assert cluster_of(practice, date(2025, 6, 1)).code == "LL"
    assert list_size_on(practice, date(2025, 6, 1)).patients == 6001
    assert ImportRun.objects.get().outcome == "applied"


def test_one_bad_row_writes_nothing_and_names_row_column_and_fault(reference, tmp_path):
    call_command(
        "import",
        "practices",
        write(tmp_path, HEADER + "\nW91001,Glan Aman Surgery,AG,8123,2025-01-01\n", "first.csv"),
        verbosity=0,
    )
    before = database_state()
    path = write(
        tmp_path,
        HEADER
        + "\nW91003,New Surgery,TT,4000,2025-01-01\nW91004,Bad Surgery,TT,lots,2025-01-01\nW91005,Other,XX,10,2025-02-30\n",
    )
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported; 3 problem"):
        call_command("import", "practices", path, stderr=stderr)
    messages = stderr.getvalue()
    assert "line 3, column “list_size”: “lots” is not a whole number" in messages
    assert "line 4, column “list_size_date”" in messages
    # every problem in one pass: the unknown code of a row is named beside its bad date (issue 11 item 4)
    assert "line 4, column “cluster”: “XX” is not a known cluster code" in messages
    assert database_state() == before
    assert ImportRun.objects.filter(outcome="rejected").count() == 1


def test_unknown_cluster_is_named(reference, tmp_path):
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "practices",
            write(tmp_path, HEADER + "\nW91003,New Surgery,ZZ,4000,2025-01-01\n"),
            stderr=stderr,
        )
    assert "line 2, column “cluster”: “ZZ” is not a known cluster code" in stderr.getvalue()
    assert not OrgUnit.objects.filter(code="W91003").exists()


def test_missing_column_is_named(reference, tmp_path):
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "practices",
            write(tmp_path, "ods_code,name,cluster\nW91003,New Surgery,AG\n"),
            stderr=stderr,
        )
    assert "column “list_size”: this column is missing" in stderr.getvalue()


def test_reimport_changes_nothing_and_a_new_size_is_added(reference, tmp_path):
    path = write(tmp_path, HEADER + "\nW91001,Glan Aman Surgery,AG,8123,2025-01-01\n")
    call_command("import", "practices", path, verbosity=0)
    state = database_state()
    history = OrgUnit.history.count() + ListSize.history.count() + Membership.history.count()
    out = io.StringIO()
    call_command("import", "practices", path, stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()
    assert database_state() == state
    assert OrgUnit.history.count() + ListSize.history.count() + Membership.history.count() == history
    call_command(
        "import",
        "practices",
        write(tmp_path, HEADER + "\nW91001,Glan Aman Surgery,AG,8200,2025-07-01\n", "july.csv"),
        verbosity=0,
    )
    practice = OrgUnit.objects.get(code="W91001")
    assert list_size_on(practice, date(2025, 3, 1)).patients == 8123
    assert list_size_on(practice, date(2025, 8, 1)).patients == 8200


def test_xlsx_first_sheet(reference, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["W91010", "Sheet Surgery", "SP", 7000, date(2025, 1, 1)])
    path = tmp_path / "practices.xlsx"
    workbook.save(path)
    call_command("import", "practices", str(path), verbosity=0)
    assert cluster_of(OrgUnit.objects.get(code="W91010"), date(2025, 1, 2)).code == "SP"


def test_not_utf8_is_refused_clearly(reference, tmp_path):
    stderr = io.StringIO()
    path = write(tmp_path, HEADER + "\nW91001,Caf\xe9 Surgery,AG,8123,2025-01-01\n", encoding="latin-1")
    with pytest.raises(CommandError):
        call_command("import", "practices", path, stderr=stderr)
    assert "line 2" in stderr.getvalue() and "UTF-8" in stderr.getvalue()


def test_practice_moves_cluster_and_joins_a_neighbourhood(reference, tmp_path):
    """Effective dating: the cluster and the neighbourhood of a practice on any date."""
    call_command(
        "import",
        "practices",
        write(tmp_path, HEADER + "\nW91001,Glan Aman Surgery,AG,8123,2025-01-01\n", "a.csv"),
        verbosity=0,
    )
    moved = "ods_code,name,cluster,list_size,list_size_date,cluster_from,neighbourhood,neighbourhood_from\n"
    moved += "W91001,Glan Aman Surgery,AG,8123,2025-01-01,,IN-TT,2027-04-01\n"
    call_command("import", "practices", write(tmp_path, moved, "b.csv"), verbosity=0)
    practice = OrgUnit.objects.get(code="W91001")
    assert neighbourhood_of(practice, date(2027, 3, 31)) is None
    assert neighbourhood_of(practice, date(2027, 4, 1)).code == "IN-TT"
    assert cluster_of(practice, date(2030, 1, 1)).code == "AG"
    relocated = HEADER + ",cluster_from\nW91001,Glan Aman Surgery,LL,8123,2025-01-01,2026-01-01\n"
    call_command("import", "practices", write(tmp_path, relocated, "c.csv"), verbosity=0)
    assert cluster_of(practice, date(2025, 12, 31)).code == "AG"
    assert cluster_of(practice, date(2026, 1, 1)).code == "LL"


def test_whole_cluster_practices_follow_their_cluster_into_a_neighbourhood(reference, tmp_path):
    call_command(
        "import",
        "practices",
        write(tmp_path, HEADER + "\nW91020,Tenby Surgery,SP,9000,2025-01-01\n"),
        verbosity=0,
    )
    practice = OrgUnit.objects.get(code="W91020")
    assert neighbourhood_of(practice, date(2027, 3, 31)) is None
    assert neighbourhood_of(practice, date(2027, 4, 1)).code == "IN-PEM"
