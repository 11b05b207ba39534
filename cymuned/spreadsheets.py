"""Tables out to people: CSV (UTF-8 with BOM, so Excel reads it) and XLSX, safe to open.

A cell that starts with =, +, - or @ would be run as a formula by a spreadsheet (formula
injection); text cells like that are prefixed with an apostrophe. Numbers are left as numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
from django.http import HttpResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime | Decimal | int | float):
        return value
    return safe_cell(str(value))


def _xlsx_plain(value: Any) -> Any:
    """XLSX cannot hold control characters; they are dropped (before the formula check, so that
    dropping them cannot uncover a formula) rather than failing the download."""
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return _plain(value)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Sheet1") -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([_xlsx_plain(h) for h in headers])
    for row in rows:
        sheet.append([_xlsx_plain(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> HttpResponse:
    """An attachment response as CSV or XLSX."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, rows), content_type=XLSX_TYPE)
        filename = f"{filename}.xlsx"
    else:
        response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
        filename = f"{filename}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
