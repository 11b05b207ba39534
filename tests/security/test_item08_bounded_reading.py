"""Issue 10, item 8: what a file unpacks to, and how many rows, columns and characters it holds,
is bounded; a file past a limit is refused with a message naming the limit, quickly and without
holding the file's unpacked size in memory."""

import time
import tracemalloc

import pytest

from cymuned.imports import tabular
from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class
from cymuned.orgs.models import OrgUnit

from .workbooks import inline, workbook

MB = 1024 * 1024


def rejected(data: bytes, name: str) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        importer_class("practices")().run(data, name)
    return refused.value.lines()


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(db):
    # 201 MB of whitespace inside the sheet data compresses to a few hundred kilobytes; reading it
    # took memory in proportion to the unpacked size.
    data = workbook(padding=tabular.MAX_SHEET_XML_BYTES + MB)
    assert len(data) < 2 * MB
    tracemalloc.start()
    try:
        lines = rejected(data, "bomb.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == ["bomb.xlsx: unpacks to more than the limit of 100 MB for one part of a workbook"]
    assert peak < 20 * MB
    assert not OrgUnit.objects.exists()


def test_shared_strings_are_bounded_too(db):
    strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + " " * (33 * MB) + "</sst>"
    lines = rejected(workbook(shared_strings=strings), "strings.xlsx")
    assert lines == ["strings.xlsx: unpacks to more than the limit of 32 MB for one part of a workbook"]


def test_the_claimed_dimension_is_ignored_and_a_far_cell_is_refused_at_once(db):
    # A 5 KB workbook claiming A1:XFD1048576 with one far cell took over four minutes of CPU.
    data = workbook(
        '<row r="1048576">' + inline("XFD1048576", "far") + "</row>",
        dimension="A1:XFD1048576",
    )
    assert len(data) < 5000
    started = time.process_time()
    lines = rejected(data, "wide.xlsx")
    assert time.process_time() - started < 5
    assert lines == ["wide.xlsx: line 1048576: more than the limit of 100 columns"]


def test_a_far_row_beyond_the_row_limit_is_refused_without_walking_to_it(db):
    data = workbook('<row r="1048577">' + inline("A1048577", "W00001") + "</row>", dimension="A1:E1048577")
    started = time.process_time()
    lines = rejected(data, "tall.xlsx")
    assert time.process_time() - started < 5
    assert lines == ["tall.xlsx: has more than the limit of 1,048,576 rows; split it into smaller files"]


def test_a_sheet_declaring_an_entity_is_refused_not_a_crash(db):
    # Entities are refused (defusedxml) rather than expanded: a few nested ones make a billion.
    doctype = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    data = workbook('<row r="2">' + inline("A2", "&b;") + "</row>", doctype=doctype, dimension="A1:E2")
    assert rejected(data, "entity.xlsx") == ["entity.xlsx: is not a valid Excel workbook"]


def test_bad_xml_after_the_header_is_refused_not_a_crash(db):
    # The sheet is parsed as it is read: an error in row 2 used to escape as a ParseError (a 500).
    data = workbook('<row r="2">' + inline("A2", "&undefined;") + "</row>", dimension="A1:E2")
    assert rejected(data, "broken.xlsx") == ["broken.xlsx: is not a valid Excel workbook"]


def test_a_csv_with_too_many_columns_or_too_long_a_line_is_refused(db):
    header = b"ods_code,name,cluster,list_size,list_size_date\n"
    assert rejected(header + b"," * 150 + b"\n", "wide.csv") == ["wide.csv: line 2: more than the limit of 100 columns"]
    assert rejected(header + b"x" * (tabular.MAX_LINE_CHARS + 10) + b"\n", "long.csv") == [
        "long.csv: line 2: the line is longer than the limit of 1,000,000 characters"
    ]


def test_a_csv_with_more_rows_than_the_limit_is_refused(db, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    data = b"ods_code,name,cluster,list_size,list_size_date\n" + b"W00001,A,AG,1,2025-01-01\n" * 10
    assert rejected(data, "tall.csv") == ["tall.csv: has more than the limit of 10 rows; split it into smaller files"]


def test_a_csv_is_decoded_as_it_is_read(db):
    # One character outside Latin-1 made Python hold the whole decoded file at four bytes a
    # character, twice over; now the text is decoded line by line.
    line = ("😀" + "x" * 9_000 + ",").encode() * 90 + b"\n"  # characters beyond Latin-1 on each line
    data = b"ods_code,name,cluster,list_size,list_size_date\n" + line * 9
    tracemalloc.start()
    try:
        table = tabular.read_table(data, "emoji.csv")
        for _row in table.rows:
            pass
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB  # not the 8 MB file decoded at four bytes a character (32 MB), twice


def test_a_file_larger_than_the_upload_limit_is_refused(db):
    data = b"ods_code\n" + b"W00001\n" * (tabular.MAX_UPLOAD_BYTES // 7 + 1)
    assert rejected(data, "big.csv") == ["big.csv: is larger than the limit of 50 MB"]
