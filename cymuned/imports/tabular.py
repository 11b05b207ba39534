"""Reading the tables people send: CSV as Excel saves it, or the first sheet of an XLSX workbook.

Rows come out as plain dicts keyed by normalised header, each with the line number a person sees
in their spreadsheet, so every complaint can name the row and the column.
"""

import codecs
import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

# What a table may hold. Everything is checked while reading, so a file past a limit is refused
# (with the limit named) before it can use much memory or time.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the file as sent
MAX_ROWS = 1_048_576  # the most rows a sheet of Excel holds, header included
MAX_COLUMNS = 100
MAX_CELL_CHARS = 10_000
MAX_LINE_CHARS = 1_000_000  # one physical line of a CSV file
# A workbook is a zip of XML files; what they unpack to is bounded before any is parsed. Sheets
# are read as a stream; the shared strings are held whole, the other parts are parsed whole.
MAX_SHEET_XML_BYTES = 100 * 1024 * 1024
MAX_SHARED_STRINGS_XML_BYTES = 32 * 1024 * 1024
MAX_OTHER_PART_BYTES = 8 * 1024 * 1024
MAX_CENTRAL_DIRECTORY_BYTES = 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
_EOCD = b"PK\x05\x06"


class UnreadableTable(ValueError):
    """The file as a whole cannot be read as a table."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]

    def is_blank(self) -> bool:
        return all(value is None or str(value).strip() == "" for value in self.values.values())


def normalise_header(text: object) -> str:
    """'  LSOA Code ' → 'lsoa_code'; 'WIMD 2019 overall rank' → 'wimd_2019_overall_rank'."""
    return re.sub(r"[^0-9a-z]+", "_", str(text or "").strip().lower()).strip("_")


@dataclass(frozen=True)
class Table:
    headers: list[str]  # normalised, in file order
    raw_headers: list[str]
    rows: Iterator[Row]


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def read_table(data: bytes, filename: str) -> Table:
    """Open CSV or XLSX bytes; the format is told by content, not trusted from the name."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableTable(
            _("%(file)s is larger than the limit of %(limit)s") % {"file": filename, "limit": _mb(MAX_UPLOAD_BYTES)}
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, filename)
    if Path(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        raise UnreadableTable(_("%(file)s is not a valid Excel workbook") % {"file": filename})
    return _read_csv(data, filename)


def _too_many_rows(filename: str) -> UnreadableTable:
    return UnreadableTable(
        _("%(file)s has more than the limit of %(limit)s rows; split it into smaller files")
        % {"file": filename, "limit": f"{MAX_ROWS:,}"}
    )


def _too_many_columns(filename: str, line: int) -> UnreadableTable:
    return UnreadableTable(
        _("%(file)s, line %(line)s: more than the limit of %(limit)s columns")
        % {"file": filename, "line": line, "limit": MAX_COLUMNS}
    )


def _check_utf8(data: bytes, filename: str) -> None:
    """Refuse bytes that are not UTF-8, naming the line, without holding a decoded copy."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = 1 << 20
    for offset in range(0, len(data) or 1, chunk):
        try:
            decoder.decode(data[offset : offset + chunk], final=offset + chunk >= len(data))
        except UnicodeDecodeError as error:
            position = offset + max(error.start, 0)
            line = data.count(b"\n", 0, position) + 1
            raise UnreadableTable(
                _("%(file)s, line %(line)s: the file is not UTF-8 text; save it as “CSV UTF-8”")
                % {"file": filename, "line": line}
            ) from error


def _read_csv(data: bytes, filename: str) -> Table:
    _check_utf8(data, filename)
    if b"\x00" in data:
        raise UnreadableTable(_("%(file)s is not a text file") % {"file": filename})
    # The text is decoded as it is read, line by line, each line bounded.
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    physical = 0

    def lines() -> Iterator[str]:
        nonlocal physical
        while True:
            line = stream.readline(MAX_LINE_CHARS + 1)
            if not line:
                return
            physical += 1
            if len(line) > MAX_LINE_CHARS:
                raise UnreadableTable(
                    _("%(file)s, line %(line)s: the line is longer than the limit of %(limit)s characters")
                    % {"file": filename, "line": physical, "limit": f"{MAX_LINE_CHARS:,}"}
                )
            yield line

    csv.field_size_limit(MAX_CELL_CHARS * 10)
    reader = csv.reader(lines())

    def next_cells() -> list[str] | None:
        try:
            cells = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            raise UnreadableTable(f"{filename}, line {reader.line_num}: {error}") from error
        if len(cells) > MAX_COLUMNS:
            raise _too_many_columns(filename, reader.line_num)
        return cells

    raw_headers = next_cells()
    if raw_headers is None:
        raise UnreadableTable(_("%(file)s is empty") % {"file": filename})
    headers = [normalise_header(h) for h in raw_headers]

    def rows() -> Iterator[Row]:
        count = 1
        while (cells := next_cells()) is not None:
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows(filename)
            yield Row(reader.line_num, _zip_cells(headers, cells))

    return Table(headers, [str(h) for h in raw_headers], rows())


def _check_workbook_parts(data: bytes, filename: str) -> None:
    """Bound what the workbook unpacks to, from the sizes its zip directory states (reading a part
    stops at its stated size, and a part that holds more fails its checksum), before parsing any."""
    invalid = UnreadableTable(_("%(file)s is not a valid Excel workbook") % {"file": filename})
    end = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise invalid
    directory_size = struct.unpack_from("<L", data, end + 12)[0]
    if directory_size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise UnreadableTable(_("%(file)s holds too many parts to be a workbook of one table") % {"file": filename})
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as error:
        raise invalid from error

    def is_sheet(part: zipfile.ZipInfo) -> bool:
        return part.filename.startswith("xl/worksheets/")

    def is_strings(part: zipfile.ZipInfo) -> bool:
        return part.filename.lower() == "xl/sharedstrings.xml"

    sheets = sum(p.file_size for p in parts if is_sheet(p))
    strings = sum(p.file_size for p in parts if is_strings(p))
    others = max((p.file_size for p in parts if not (is_sheet(p) or is_strings(p))), default=0)
    for size, limit in (
        (sheets, MAX_SHEET_XML_BYTES),
        (strings, MAX_SHARED_STRINGS_XML_BYTES),
        (others, MAX_OTHER_PART_BYTES),
    ):
        if size > limit:
            raise UnreadableTable(
                _("%(file)s unpacks to more than the limit of %(limit)s for one part of a workbook")
                % {"file": filename, "limit": _mb(limit)}
            )


def _read_xlsx(data: bytes, filename: str) -> Table:
    _check_workbook_parts(data, filename)
    invalid = _("%(file)s is not a valid Excel workbook") % {"file": filename}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableTable(invalid) from error
    cells = _sheet_rows(workbook, sheet, filename)
    try:
        line, first = next(cells)
    except StopIteration:
        workbook.close()
        raise UnreadableTable(_("%(file)s is empty") % {"file": filename}) from None
    raw_headers = [("" if h is None else str(h)) for h in first] if line == 1 else []
    while raw_headers and raw_headers[-1] == "":
        raw_headers.pop()
    headers = [normalise_header(h) for h in raw_headers]

    def rows() -> Iterator[Row]:
        if line != 1:
            yield Row(line, _zip_cells(headers, first))
        for number, values in cells:
            yield Row(number, _zip_cells(headers, values))
        workbook.close()

    return Table(headers, raw_headers, rows())


def _sheet_rows(workbook, sheet, filename: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of the rows that hold cells, read as a stream. The sheet's own claim
    about its size is ignored, rows that are not in the file are skipped rather than made up, and
    a row is widened only to its last cell within the column limit."""
    from openpyxl.worksheet._reader import WorkSheetParser

    invalid = _("%(file)s is not a valid Excel workbook") % {"file": filename}
    try:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                if number > MAX_ROWS:
                    raise _too_many_rows(filename)
                values: list[Any] = []
                for cell in cells:
                    column, value = cell["column"], cell["value"]
                    if value is None or value == "":
                        continue
                    if column > MAX_COLUMNS:
                        raise _too_many_columns(filename, number)
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
                if values:
                    yield number, values
    except UnreadableTable:
        raise
    except Exception as error:  # a damaged or hostile sheet (bad XML, entities) is refused whole
        raise UnreadableTable(invalid) from error


def _zip_cells(headers: list[str], cells: list[Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for index, header in enumerate(headers):
        value = cells[index] if index < len(cells) else None
        if isinstance(value, str):
            value = value.strip()
        values[header] = value
    extra = [c for c in cells[len(headers) :] if c not in (None, "")]
    if extra:
        values["__extra__"] = extra
    return values
