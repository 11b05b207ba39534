"""Run the benchmark on SQLite and (when a PostgreSQL URL is given) on PostgreSQL; print every
figure with its target and write the table to bench/RESULTS.md."""

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
TARGETS = {
    "import_ratio": ("≥ 0.3", lambda v: v >= 0.3),
    "summary_ratio": ("≤ 3×", lambda v: v <= 3),
    "import_peak_rss_mb": ("< 500 MB", lambda v: v < 500),
    "web_p95_ms": ("< 200 ms", lambda v: v < 200),
    "paper_docx_s": ("< 3 s", lambda v: v < 3),
    "paper_pdf_s": ("< 3 s", lambda v: v < 3),
}


def fresh_postgres(url: str) -> str:
    import psycopg

    parsed = urlparse(url)
    name = "cymuned_bench"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return parsed._replace(path=f"/{name}").geturl()


def run(database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "CYMUNED_VAR_DIR": var, "CYMUNED_DEV": "1"}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        result = subprocess.run(
            [sys.executable, "-m", "bench.run"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"benchmark failed on {database_url or 'SQLite'}")
        return json.loads(result.stdout.strip().splitlines()[-1])


def rows_for(r: dict) -> list[tuple[str, str, str, str]]:
    def verdict(key, value):
        target, ok = TARGETS[key]
        return target, "met" if ok(value) else "NOT met"

    import_ratio = r["import_rows_per_s"] / r["driver_rows_per_s"]
    summary_ratio = r["summary_s"] / r["summary_sql_s"]
    rows = [
        (
            "import of 100,000 returns",
            f"{r['import_rows_per_s']:,.0f} rows/s; driver floor {r['driver_rows_per_s']:,.0f} rows/s; ratio {import_ratio:.2f}",
            *verdict("import_ratio", import_ratio),
        ),
        (
            "peak memory of the import",
            f"{r['import_peak_rss_mb']:,.0f} MB",
            *verdict("import_peak_rss_mb", r["import_peak_rss_mb"]),
        ),
        (
            f"quarter's counts, trend and grid, {r['summary_projects']:,} projects",
            f"{1000 * r['summary_s']:,.0f} ms; one SQL query {1000 * r['summary_sql_s']:,.0f} ms; ratio {summary_ratio:.1f}×",
            *verdict("summary_ratio", summary_ratio),
        ),
        (
            "the whole summary with the flagged list",
            f"{1000 * r['summary_full_s']:,.0f} ms ({r['summary_flagged']:,} projects flagged, each with its reasons)",
            "–",
            "for information",
        ),
        (
            "Hywel Dda paper as Word",
            f"{r['paper_docx_s']:.2f} s",
            *verdict("paper_docx_s", r["paper_docx_s"]),
        ),
        (
            "Hywel Dda paper as PDF",
            f"{r['paper_pdf_s']:.2f} s",
            *verdict("paper_pdf_s", r["paper_pdf_s"]),
        ),
    ]
    for name, web in r.get("web", {}).items():
        rows.append(
            (
                f"web {name}, 20 clients",
                f"p50 {web['p50_ms']:.0f} ms, p95 {web['p95_ms']:.0f} ms ({web['requests']} requests, {web['errors']} errors)",
                *verdict("web_p95_ms", web["p95_ms"]),
            )
        )
    return rows


def main() -> None:
    results = {"sqlite": run(None)}
    postgres = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        results["postgresql"] = run(fresh_postgres(postgres))
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on this machine ({os.cpu_count()} cores), each database in one run.",
        "",
    ]
    lines += ["| database | measure | result | target | |", "| --- | --- | --- | --- | --- |"]
    for database, r in results.items():
        for measure, value, target, verdict in rows_for(r):
            lines.append(f"| {database} | {measure} | {value} | {target} | {verdict} |")
    text = "\n".join(lines)
    print(text)
    (HERE / "RESULTS.md").write_text("# Benchmark results\n\n" + text + "\n", encoding="utf-8")
    (HERE / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
