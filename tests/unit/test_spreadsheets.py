import csv
import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from cymuned.spreadsheets import csv_bytes, safe_cell, xlsx_bytes


def test_formula_injection_is_neutralised():
    assert safe_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    for start in "=+-@":
        assert safe_cell(start + "1").startswith("'")
    assert safe_cell("Llanelli") == "Llanelli"
    assert safe_cell(-5) == -5  # numbers stay numbers


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_exported_text_cell_starts_a_formula(values):
    rows = list(csv.reader(io.StringIO(csv_bytes(["a"] * len(values), [values]).decode("utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in rows[1])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(["a"] * len(values), [values]))).active
    assert all(not str(c.value or "").startswith(("=", "+", "-", "@")) for c in sheet[2])
