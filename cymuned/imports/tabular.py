"""Reading the tables people send: CSV as Excel saves it, or the first sheet of an XLSX workbook.

Rows come out as plain dicts keyed by normalised header, each with the line number a person sees
in their spreadsheet, so every complaint can name the row and the column.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

MAX_CELL_CHARS = 10_000
XLSX_MAGIC = b"PK\x03\x04"


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


def read_table(data: bytes, filename: str) -> Table:
    """Open CSV or XLSX bytes; the format is told by content, not trusted from the name."""
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, filename)
    if Path(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        raise UnreadableTable(_("%(file)s is not a valid Excel workbook") % {"file": filename})
    return _read_csv(data, filename)


def _read_csv(data: bytes, filename: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableTable(
            _("%(file)s, line %(line)s: the file is not UTF-8 text; save it as “CSV UTF-8”")
            % {"file": filename, "line": line}
        ) from error
    if "\x00" in text:
        raise UnreadableTable(_("%(file)s is not a text file") % {"file": filename})
    csv.field_size_limit(MAX_CELL_CHARS * 10)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_headers = next(reader)
    except StopIteration:
        raise UnreadableTable(_("%(file)s is empty") % {"file": filename}) from None
    except csv.Error as error:
        raise UnreadableTable(f"{filename}, line 1: {error}") from error
    headers = [normalise_header(h) for h in raw_headers]

    def rows() -> Iterator[Row]:
        try:
            for cells in reader:
                yield Row(reader.line_num, _zip_cells(headers, cells))
        except csv.Error as error:
            raise UnreadableTable(f"{filename}, line {reader.line_num}: {error}") from error

    return Table(headers, [str(h) for h in raw_headers], rows())


def _read_xlsx(data: bytes, filename: str) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableTable(_("%(file)s is not a valid Excel workbook") % {"file": filename}) from error
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    try:
        raw_headers = [("" if h is None else str(h)) for h in next(cells)]
    except StopIteration:
        raise UnreadableTable(_("%(file)s is empty") % {"file": filename}) from None
    while raw_headers and raw_headers[-1] == "":
        raw_headers.pop()
    headers = [normalise_header(h) for h in raw_headers]

    def rows() -> Iterator[Row]:
        for line, values in enumerate(cells, start=2):
            yield Row(line, _zip_cells(headers, list(values)))
        workbook.close()

    return Table(headers, raw_headers, rows())


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
