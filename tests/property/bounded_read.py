"""Run as separate processes by test_import_fuzz: `build KIND PATH` writes one file of a kind;
`read PATH` reads it as an import would and prints the outcome, the peak memory of the whole
reading process (MB, Python and Django included) and the CPU seconds it took."""

import os
import resource
import sys
import time

import django

LIMIT = 50 * 1024 * 1024


def csv_rows(line: bytes) -> bytes:
    header = b"ods_code,name,cluster,list_size,list_size_date\n"
    return header + line * ((LIMIT - len(header)) // len(line))


def build(kind: str) -> tuple[bytes, str]:
    sys.path.insert(0, os.getcwd())
    from cymuned.imports import tabular
    from tests.security.workbooks import inline, workbook

    if kind == "csv-practices":
        return csv_rows(b"W00001,Surgery (synthetic),AG,5000,2025-01-01\n"), "p.csv"
    if kind == "csv-wide-characters":
        return csv_rows("W00001,Meddygfa 😀,AG,5000,2025-01-01\n".encode()), "p.csv"
    if kind == "csv-one-long-field":
        return b"ods_code\n" + b'"' + b"x" * (LIMIT - 20) + b'"\n', "p.csv"
    if kind == "xlsx-whitespace-under-limit":
        return workbook(padding=tabular.MAX_SHEET_XML_BYTES - 4096), "p.xlsx"
    if kind == "xlsx-whitespace-over-limit":
        return workbook(padding=1024 * 1024 * 1024), "p.xlsx"
    if kind == "xlsx-dimension":
        far = '<row r="1048576">' + inline("XFD1048576", "far") + "</row>"
        return workbook(far, dimension="A1:XFD1048576"), "p.xlsx"
    if kind == "xlsx-dense-rows":
        row = '<row r="{n}">' + "".join(inline(f"{c}{{n}}", "W00001") for c in "ABCDE") + "</row>"
        rows = []
        size = 0
        n = 2
        while size < tabular.MAX_SHEET_XML_BYTES - 200_000:
            text = row.format(n=n)
            rows.append(text)
            size += len(text)
            n += 1
        return workbook("".join(rows)), "p.xlsx"
    raise SystemExit(f"unknown kind {kind}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cymuned.settings")
    os.environ.setdefault("CYMUNED_DEV", "1")
    django.setup()
    from cymuned.imports.tabular import UnreadableTable, read_table

    if sys.argv[1] == "build":
        data, name = build(sys.argv[2])
        with open(sys.argv[3], "wb") as handle:
            handle.write(data)
        return
    path = sys.argv[2]
    with open(path, "rb") as handle:
        data = handle.read()
    name = os.path.basename(path)
    started = time.process_time()
    rows = 0
    try:
        table = read_table(data, name)
        for _row in table.rows:
            rows += 1
        outcome = f"read {rows} rows"
    except UnreadableTable as refused:
        outcome = f"refused: {refused}"
    seconds = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(data) / 1e6:.1f} MB\t{outcome}\t{peak_mb:.0f} MB peak\t{seconds:.1f} s")


if __name__ == "__main__":
    main()
