"""Whatever bytes arrive, an import either applies cleanly or is rejected with messages that name
the file, and a rejected import writes nothing."""

import io
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class, kinds
from cymuned.orgs.models import ListSize, Membership, OrgUnit

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),  # `make fuzz` asks for many more
    deadline=None,
    # huge cells are the point of some examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow],
)

cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "=SUM(A1:A2)",
            "+1",
            "-1",
            "@cmd",
            "£20,000.50",
            "2025-01-01",
            "W12345",
            "AG",
            "NaN",
            "1e400",
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
    st.text(min_size=10_001, max_size=10_050),  # a huge cell
)


def state():
    return (OrgUnit.objects.count(), Membership.objects.count(), ListSize.objects.count())


def run(kind, data: bytes, name: str):
    try:
        importer_class(kind)().run(data, name)
    except ImportRejected as rejected:
        lines = rejected.lines()
        assert lines and all(line.startswith(name) for line in lines)
        return False
    return True


@pytest.fixture
def wales(reference):
    return None


@FUZZ
@given(data=st.binary(max_size=2_000), kind=st.sampled_from(kinds()))
def test_random_bytes(wales, data, kind):
    before = state()
    if not run(kind, data, "random.csv"):
        assert state() == before


@FUZZ
@given(
    header=st.lists(
        st.sampled_from(["ods_code", "name", "cluster", "list_size", "list_size_date", "junk", ""]),
        max_size=7,
    ),
    rows=st.lists(st.lists(cells, max_size=8), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_random_tables_of_practices(wales, header, rows, encoding, newline):
    text = newline.join(",".join('"' + str(c).replace('"', '""') + '"' for c in row) for row in [header, *rows])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    before = state()
    if not run("practices", data, "practices.csv"):
        assert state() == before


def xml_text(text: str) -> str:
    """Only what XML 1.0 may hold: a workbook cannot carry anything else (lxml's writer refuses it)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "".join(
        c for c in text if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
    )


@FUZZ
@given(
    rows=st.lists(
        st.lists(st.one_of(cells, st.integers(), st.floats(allow_nan=True), st.none()), max_size=6),
        max_size=6,
    )
)
def test_random_workbooks(wales, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ods_code", "name", "cluster", "list_size", "list_size_date"])
    for row in rows:
        sheet.append([xml_text(c[:32000]) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = state()
    if not run("practices", buffer.getvalue(), "practices.xlsx"):
        assert state() == before


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\n\n\n", b"ods_code,name\n", b"PK\x03\x04broken", b"\x00\x01\x02"],
)
def test_degenerate_files_are_rejected_clearly(wales, data):
    before = state()
    with pytest.raises(ImportRejected) as rejected:
        importer_class("practices")().run(data, "odd.xlsx" if data.startswith(b"PK") else "odd.csv")
    assert rejected.value.lines()
    assert state() == before


UPLOAD_LIMIT = 50 * 1024 * 1024  # cymuned.imports.tabular.MAX_UPLOAD_BYTES, as the README states it
SYNTHETIC_ROW = b"W%05d,Surgery %07d (synthetic),AG,5000,2025-01-01\n"  # 54 bytes, every row


@pytest.mark.slow
def test_a_file_just_under_the_upload_limit_with_one_bad_row_at_the_end(wales):
    """The largest file an upload may be (within 54 bytes of 50 MB: about 970,000 rows) is read to its
    last row: the bad row there is found and named, and nothing is written."""
    header = b"ods_code,name,cluster,list_size,list_size_date\n"
    bad = b"W99999,Bad Surgery (synthetic),AG,many,2025-01-01\n"
    count = (UPLOAD_LIMIT - len(header) - len(bad)) // len(SYNTHETIC_ROW % (0, 0))
    data = header + b"".join(SYNTHETIC_ROW % (n % 100000, n) for n in range(count)) + bad
    assert UPLOAD_LIMIT - 54 < len(data) <= UPLOAD_LIMIT
    before = state()
    with pytest.raises(ImportRejected) as rejected:
        importer_class("practices")().run(data, "largest.csv")
    lines = rejected.value.lines()
    # the header is line 1, the good rows lines 2 … count + 1, the bad row line count + 2
    assert f"largest.csv, line {count + 2}, column “list_size”: “many” is not a whole number" in lines, lines[:3]
    assert len(lines) <= 501  # the same codes recur: the report is capped
    assert state() == before


def test_a_file_one_byte_over_the_upload_limit_is_refused_before_it_is_read(wales):
    """One byte past 50 MB: refused by its size alone, at once, naming the limit; nothing written."""
    import time

    header = b"ods_code,name,cluster,list_size,list_size_date\n"
    data = header + SYNTHETIC_ROW % (1, 1) * ((UPLOAD_LIMIT - len(header)) // len(SYNTHETIC_ROW % (1, 1)) + 1)
    data = data[: UPLOAD_LIMIT + 1]
    assert len(data) == UPLOAD_LIMIT + 1
    before = state()
    started = time.process_time()
    with pytest.raises(ImportRejected) as rejected:
        importer_class("practices")().run(data, "over.csv")
    assert time.process_time() - started < 1  # no row was parsed: reading the file takes several seconds
    assert rejected.value.lines() == ["over.csv: is larger than the limit of 50 MB"]
    assert state() == before


BOUNDED_KINDS = [
    "csv-practices-under-limit",
    "csv-over-limit",
    "csv-too-many-rows",
    "csv-wide-characters",
    "csv-one-long-field",
    "xlsx-whitespace-under-limit",
    "xlsx-whitespace-over-limit",
    "xlsx-dimension",
    "xlsx-dense-rows",
]
# The memory reading may add to the process that holds the file, at its peak. A web worker already
# holds Python, Django and the upload (about 125 MB resident before reading a 50 MB CSV, 75 MB before
# a small workbook, measured by bounded_read.py); the 381 MB once reported here was that start-up
# (and coverage's tracing, carried into the child) counted with the reading. What reading adds is
# what a file can cost, and that is what is held to a ceiling. Measured (November 2026): a CSV adds
# under 10 MB, being read a line at a time; a workbook whose sheet unpacks to just under the 100 MB
# a sheet may (MAX_SHEET_XML_BYTES) adds about 200 MB, the parser holding the sheet's text while it
# reads it. 300 MB is three times the largest part a workbook may unpack to: room for that and for
# allocator differences between machines, while a reader that held a 50 MB CSV's rows as Python
# strings (well over 500 MB) would fail.
ADDED_MB_CEILING = 300
CPU_SECONDS_CEILING = 120
OUTCOMES = {  # what each file must come to: read to its last row, or refused for the named limit
    "csv-practices-under-limit": "read 970902 rows",
    "csv-over-limit": "refused: upload.csv is larger than the limit of 50 MB",
    "csv-too-many-rows": "refused: upload.csv has more than the limit of 1,048,576 rows",
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", BOUNDED_KINDS)
def test_files_up_to_the_upload_limit_are_read_in_bounded_memory_and_time(kind, tmp_path):
    """Issue 10, item 8: any file up to the upload limit is read or refused within the memory
    ceiling above and two minutes of CPU, measured in a fresh process (bounded_read.py) from the
    moment it holds the file, so nothing else counts; a file over the limit is refused at once."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).with_name("bounded_read.py")
    root = Path(__file__).resolve().parents[2]
    path = tmp_path / f"upload.{kind.split('-')[0]}"
    # a plain child process: no coverage or other tracing carried over from this one
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    env["CYMUNED_DEV"] = "1"
    subprocess.run([sys.executable, script, "build", kind, path], check=True, cwd=root, env=env)
    assert path.stat().st_size <= UPLOAD_LIMIT + (1 if kind == "csv-over-limit" else 0)
    done = subprocess.run(
        [sys.executable, script, "read", path], check=True, cwd=root, env=env, capture_output=True, text=True
    )
    size, outcome, added, before, seconds = done.stdout.strip().split("\t")
    print(f"{kind}: {size}, {outcome}, {added}, {before}, {seconds}")
    if kind in OUTCOMES:
        assert outcome.startswith(OUTCOMES[kind]), done.stdout
    assert float(added.split()[0]) < ADDED_MB_CEILING, done.stdout
    assert float(seconds.split()[0]) < (1 if kind == "csv-over-limit" else CPU_SECONDS_CEILING), done.stdout
