"""`make bench`: the national benchmark on PostgreSQL; `make bench-scale`: the same pages at 4×.

    python -m bench                  # 25,000 projects into BENCH_DATABASE, every operation
    python -m bench --scale 4        # 100,000 projects into BENCH_DATABASE_x4: portfolio, summary, quarter
    python -m bench --reuse          # measure again on the database a previous run left

The database server is BENCH_POSTGRES_URL (or TEST_POSTGRES_URL, or postgres on 127.0.0.1:5432);
the database name BENCH_DATABASE (default cymuned_bench); gunicorn listens on BENCH_PORT (8765).
Prints each operation with its floor, ratio, p50/p95 and target; writes bench/results.json (the
scaling run: bench/results-scale.json) and bench/RESULTS.md. The database stays, with the
superuser `bench-admin` and the national administrator `bench-national` (password BENCH_PASSWORD).
"""

import argparse
import json
import os
import signal
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
SCALED = ["portfolio_national", "portfolio_superuser", "summary_api_board", "summary_api_wales", "quarter_page_wales"]
RATIO_TARGET = 3.0
P95_TARGET = 100.0


def database_url(name: str, fresh: bool) -> str:
    import psycopg

    server = (
        os.environ.get("BENCH_POSTGRES_URL")
        or os.environ.get("TEST_POSTGRES_URL")
        or "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    parsed = urlparse(server)
    if fresh:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


def fmt(value, unit=" ms") -> str:
    return "–" if value is None else f"{value:,.0f}{unit}" if value >= 10 else f"{value:,.1f}{unit}"


def verdicts(name: str, op: dict, extra: dict) -> list[str]:
    found = []
    if op["ratio_to_floor"] is not None and not extra.get("in_process"):
        found.append(f"≤ {RATIO_TARGET:.0f}× floor: {'met' if op['ratio_to_floor'] <= RATIO_TARGET else 'NOT met'}")
    if extra.get("target_p95_ms"):
        if op["p95_ms"] is None:
            found.append(f"p95 < {P95_TARGET:.0f} ms: NOT met (not run under load: too slow alone)")
        else:
            found.append(f"p95 < {P95_TARGET:.0f} ms: {'met' if op['p95_ms'] < P95_TARGET else 'NOT met'}")
    if extra.get("target_single_ms"):
        limit = extra["target_single_ms"]
        shown = f"{limit / 1000:.0f} s" if limit >= 1000 else f"{limit:.0f} ms"
        found.append(f"< {shown}: {'met' if op['single_ms'] < limit else 'NOT met'}")
    return found


def table(results: dict) -> list[str]:
    floor = results["framework_floor"]
    lines = [
        f"Framework floor (a constant page through the same middleware and gunicorn): {fmt(floor['single_ms'])} "
        f"alone, p50 {fmt(floor['p50_ms'])} / p95 {fmt(floor['p95_ms'])} under {results['settings']['clients']} clients.",
        "",
        "| operation | one request | queries | SQL floor | × floor | 20 clients p50 / p95 | 304 p95 | targets |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, op in results["operations"].items():
        extra = results.get("extra", {}).get(name, {})
        load = f"{fmt(op['p50_ms'])} / {fmt(op['p95_ms'])}" if op["p50_ms"] is not None else "–"
        if extra.get("requests"):
            load += f" ({extra['requests']} req, {extra['errors']} errors)"
        lines.append(
            f"| {name} | {fmt(op['single_ms'])}{' (in process)' if extra.get('in_process') else ''} | {op['queries']} "
            f"| {fmt(op['floor_ms'])} | {op['ratio_to_floor']}× | {load} | {fmt(extra.get('p95_304_ms'))} "
            f"| {'; '.join(verdicts(name, op, extra)) or 'for information'} |"
        )
    return lines


def scaling_table(one: dict, four: dict) -> list[str]:
    """Each operation's growth from 25,000 to 100,000 projects, beside its SQL floor's own growth (a
    floor that counts every project of its scope grows with them, and the page with it)."""
    lines = [
        "| operation | 25,000 projects | 100,000 projects | × | SQL floor × | p95 at 25,000 / 100,000 | within 2×? |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in SCALED:
        a, b = one["operations"].get(name), four["operations"].get(name)
        if not a or not b:
            continue
        growth = b["single_ms"] / a["single_ms"]
        floor_growth = f"{b['floor_ms'] / a['floor_ms']:.1f}×" if a.get("floor_ms") and b.get("floor_ms") else "–"
        lines.append(
            f"| {name} | {fmt(a['single_ms'])} | {fmt(b['single_ms'])} | {growth:.1f}× | {floor_growth} "
            f"| {fmt(a['p95_ms'])} / {fmt(b['p95_ms'])} | {'met' if growth <= 2 else 'NOT met'} |"
        )
    return lines


def settings_lines(results: dict) -> list[str]:
    s = results["settings"]
    server = s["server_defaults"]
    return [
        f"PostgreSQL {server['server_version']}, database `{s['database']}`: server jit={server['jit']} "
        f"(jit_above_cost {server['jit_above_cost']}), autovacuum={server['autovacuum']}, work_mem={server['work_mem']}, "
        f"shared_buffers={server['shared_buffers']}; the service's connections: `{s['service_connection_options']}`. "
        f"Tables vacuumed and analysed after loading ({s['build'].get('analyse_s', 0):.1f} s). gunicorn {s['gunicorn_workers']} sync "
        f"workers, {s['clients']} clients ({s.get('load', 'python threads')}), {s['cpu_cores']} cores.",
    ] + [
        f"JIT measured in one process, {name}: jit on {v['jit_on_ms']:,.0f} ms, off {v['jit_off_ms']:,.0f} ms."
        for name, v in s.get("jit_measured", {}).items()
    ]


def write_report() -> str:
    lines = []
    one = json.loads((HERE / "results.json").read_text()) if (HERE / "results.json").exists() else None
    full = json.loads((HERE / "results-full.json").read_text()) if (HERE / "results-full.json").exists() else one
    four = json.loads((HERE / "results-scale.json").read_text()) if (HERE / "results-scale.json").exists() else None
    if full:
        lines += [f"Measured {full['measured']} on this machine.", ""]
        lines += settings_lines(full) + [""] + table(full)
    if full and four:
        lines += [
            "",
            f"Scaling run ({four['measured']}): the same operations at 4× (100,000 projects, 400,000 returns).",
            "",
        ]
        lines += settings_lines(four) + [""] + table(four) + [""] + scaling_table(full, four)
    text = "\n".join(lines)
    (HERE / "RESULTS.md").write_text("# Benchmark results\n\n" + text + "\n", encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="measure the database a previous run left")
    parser.add_argument("--only", nargs="*", help="operation names")
    args = parser.parse_args()
    name = os.environ.get("BENCH_DATABASE", "cymuned_bench") + ("" if args.scale == 1 else f"_x{args.scale}")
    os.environ["DATABASE_URL"] = database_url(name, fresh=not args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["CYMUNED_DEV"] = "1"
    port = int(os.environ.get("BENCH_PORT", "8765"))
    names = args.only or (SCALED if args.scale != 1 else None)
    # Stopped with SIGTERM, the run still stops its gunicorn (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory() as var:
        os.environ["CYMUNED_VAR_DIR"] = var
        os.makedirs(os.path.join(var, "static"))
        os.environ.setdefault("CACHE_URL", f"file://{var}/cache")  # shared by gunicorn's workers and the bench
        from bench import run

        results = run.main(args.scale, args.reuse, names, port)
    results["measured"] = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    target = "results.json" if args.scale == 1 else "results-scale.json"
    if args.only:
        # Some operations measured again: written beside the full run's results, never over them, so
        # results.json always holds one whole run measured under one set of conditions.
        (HERE / "results-only.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(json.dumps(results["operations"], indent=2))
        return
    if args.scale == 1:
        # results.json holds exactly the agreed keys; the rest (bytes, 304 figures) goes beside it.
        (HERE / "results-full.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        exact = {k: results[k] for k in ("operations", "framework_floor", "settings")}
        (HERE / target).write_text(json.dumps(exact, indent=2), encoding="utf-8")
    else:
        (HERE / target).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(write_report())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
