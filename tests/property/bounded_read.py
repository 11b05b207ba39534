"""Run as separate processes by test_import_fuzz: `build KIND PATH` writes one file of a kind;
`read PATH` reads it as an import would and prints, tab-separated: the file's size, the outcome,
the memory the reading added at its peak, the process's resident memory before reading, and the
CPU seconds the reading took.

What is measured is what reading adds: the process first starts Python and Django and holds the
file's bytes (as an upload is held), and its resident size then is the baseline; Linux's high-water
mark of resident memory is reset there (/proc/self/clear_refs, "5") and read again when reading
ends, so the peak of start-up (interpreter, Django, the test's own imports, all of it before any
file is seen) is not counted against the reader. Where the mark cannot be reset, the whole
process's peak is reported, which can only be larger."""

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

    if kind == "csv-practices-under-limit":  # the most a file may hold: read to its last row
        return csv_rows(b"W00001,Surgery 0000001 (synthetic),AG,5000,2025-01-01\n"), "p.csv"
    if kind == "csv-over-limit":  # one byte more than an upload may hold: refused before it is read
        rows = csv_rows(b"W00001,Surgery 0000001 (synthetic),AG,5000,2025-01-01\n")
        return rows + b"x" * (LIMIT + 1 - len(rows)), "p.csv"
    if kind == "csv-too-many-rows":  # short rows: past the row limit before the size limit
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
    baseline_mb = resident_mb("VmRSS")
    reset = reset_peak()
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
    peak_mb = resident_mb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    added_mb = peak_mb - baseline_mb if reset else peak_mb
    print(
        f"{len(data) / 1e6:.1f} MB\t{outcome}\t{added_mb:.0f} MB added at peak\t"
        f"{baseline_mb:.0f} MB before reading\t{seconds:.1f} s"
    )


def resident_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (its high-water mark) of this process, in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Reset the high-water mark of resident memory to what is resident now (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return resident_mb("VmHWM") <= resident_mb("VmRSS") + 1


if __name__ == "__main__":
    main()
