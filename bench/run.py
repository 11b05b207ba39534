"""One benchmark run against one database (chosen by DATABASE_URL); prints a JSON line of results."""

import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cymuned.settings")
os.environ.setdefault("CYMUNED_DEV", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import dataset  # noqa: E402

SUMMARY_SQL = """
WITH cur AS (
  SELECT r.project_id, r.status,
         (SELECT p.status FROM portfolio_monitoringreturn p
           WHERE p.project_id = r.project_id AND p.period < r.period ORDER BY p.period DESC LIMIT 1) AS prev
    FROM portfolio_monitoringreturn r WHERE r.period = %s AND r.status <> ''
)
SELECT status,
       CASE WHEN prev IS NULL OR prev = status THEN 'stable'
            WHEN (prev = 'red' AND status IN ('amber', 'green')) OR (prev = 'amber' AND status = 'green') THEN 'improving'
            ELSE 'worsening' END AS trend,
       COUNT(*)
  FROM cur GROUP BY 1, 2
"""


def timed(function, repeat=3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None or elapsed < best else best
    return best, result


def build() -> dict:
    from cymuned.orgs.models import Kind, Membership, OrgUnit
    from cymuned.portfolio.importers import ProjectImporter

    call_command("migrate", verbosity=0)
    call_command("setup-demo", stdout=open(os.devnull, "w"))
    nation = OrgUnit.objects.create(
        code="BENCH", kind=Kind.NATION, name_en="Benchmark nation (synthetic)", synthetic=True
    )
    units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(code=c, kind=Kind.CLUSTER, name_en=f"Neighbourhood {c} (synthetic)", synthetic=True)
            for c in dataset.neighbourhood_codes()
        ]
    )
    Membership.objects.bulk_create([Membership(child=u, parent=nation) for u in units])
    start = time.perf_counter()
    ProjectImporter().run(dataset.projects_csv(), "bench-projects.csv")
    return {"projects_import_s": time.perf_counter() - start}


def import_returns(path: str) -> dict:
    """Run in its own process so its peak memory is the import's alone."""
    from cymuned.portfolio.importers import ReturnImporter

    data = open(path, "rb").read()
    start = time.perf_counter()
    outcome = ReturnImporter().run(data, os.path.basename(path))
    elapsed = time.perf_counter() - start
    return {
        "rows": outcome.rows,
        "seconds": elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def driver_floor(rows: list[list[str]]) -> float:
    """The same rows, already parsed, inserted with the plain driver into the same two tables."""
    from decimal import Decimal

    from cymuned.portfolio.models import MonitoringReturn, Project

    ids = dict(Project.objects.values_list("code", "pk"))
    now = django.utils.timezone.now()
    parsed = [
        (
            ids[r[0]],
            r[1],
            Decimal(r[2]),
            Decimal(r[3].strip("£").replace(",", "")),
            Decimal(r[4]),
            Decimal(r[5]),
            r[6],
            r[7],
            r[8],
            r[9],
            "",
            "",
            "red",
            "red",
            now,
            now,
            1,
        )
        for r in rows
    ]
    table, history = MonitoringReturn._meta.db_table, MonitoringReturn.history.model._meta.db_table
    columns = "project_id, period, target_attainment_pct, budget_gbp, forecast_spend_gbp, milestone_delay_weeks, quality, resources, stakeholders, narrative, rag_override, override_reason, computed_rag, status, entered_at, updated_at, version"
    marks = ", ".join(["%s"] * 17)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {history}")
        cursor.execute(f"DELETE FROM {table}")
    start = time.perf_counter()
    with django.db.transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", parsed)
        cursor.executemany(
            f"INSERT INTO {history} ({columns}, id, history_date, history_type) VALUES ({marks}, %s, %s, %s)",
            [(*p, i + 1, now, "+") for i, p in enumerate(parsed)],
        )
    return time.perf_counter() - start


def summary_timings() -> dict:
    from cymuned.portfolio.models import Project
    from cymuned.portfolio.monitoring import monitoring_summary
    from cymuned.portfolio.queries import grid_cells
    from cymuned.portfolio.summary import counts

    period = dataset.PERIODS[-1]
    ours, summary = timed(lambda: counts(period, grid_cells(period, Project.objects.all())))
    whole, full = timed(lambda: monitoring_summary(period), repeat=1)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(SUMMARY_SQL, [period])
            return cursor.fetchall()

    floor, rows = timed(raw)
    by = {(trend, status): n for status, trend, n in rows}
    assert sum(by.values()) == summary["projects"] == full["projects"], "the summaries disagree"
    assert all(summary["grid"][t][s] == by.get((t, s), 0) for t in summary["grid"] for s in summary["grid"][t]), (
        "grid differs"
    )
    return {
        "summary_s": ours,
        "summary_sql_s": floor,
        "summary_projects": summary["projects"],
        "summary_full_s": whole,
        "summary_flagged": len(full["flagged"]),
    }


def paper_timings() -> dict:
    from cymuned.reports.writing import monitoring_document, write

    results = {}
    for fmt in ("docx", "pdf"):
        results[f"paper_{fmt}_s"], _data = timed(
            lambda fmt=fmt: write(monitoring_document("2024-25-Q4", "en", health_board="7A2"), fmt),
            repeat=2,
        )
    return results


def web_latency(seconds: float = 8.0, clients: int = 20) -> dict:
    """p50/p95 of three pages under 20 concurrent clients against gunicorn on loopback."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = "8765"
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0", "CYMUNED_DEV": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cymuned.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        paths = {
            "portfolio": "/projects/?period=2025-26-Q4",
            "project": "/projects/BN0001-P01/",
            "summary_api": "/api/v1/monitoring/summary?period=2024-25-Q4&health_board=7A2",
        }
        results = {}
        for name, path in paths.items():
            latencies: list[float] = []
            errors = [0]
            deadline = time.perf_counter() + seconds

            def worker(deadline=deadline, path=path, errors=errors, latencies=latencies):
                while time.perf_counter() < deadline:
                    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
                    start = time.perf_counter()
                    try:
                        with urllib.request.urlopen(request, timeout=30) as response:
                            response.read()
                            if response.status != 200:
                                errors[0] += 1
                    except OSError:
                        errors[0] += 1
                    latencies.append(time.perf_counter() - start)

            threads = [threading.Thread(target=worker) for _ in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            latencies.sort()
            results[name] = {
                "requests": len(latencies),
                "errors": errors[0],
                "p50_ms": 1000 * statistics.median(latencies),
                "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
            }
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    if sys.argv[1:2] == ["import-returns"]:
        print(json.dumps(import_returns(sys.argv[2])))
        return
    results = {"database": connection.vendor}
    results |= build()
    rows = dataset.return_rows()
    path = os.path.join(os.environ["CYMUNED_VAR_DIR"], "bench-returns.csv")
    with open(path, "wb") as handle:
        handle.write(dataset.returns_csv(rows))
    child = subprocess.run(
        [sys.executable, "-m", "bench.run", "import-returns", path],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    imported = json.loads(child.stdout.strip().splitlines()[-1])
    results["import_rows"] = imported["rows"]
    results["import_rows_per_s"] = imported["rows"] / imported["seconds"]
    results["import_peak_rss_mb"] = imported["peak_rss_mb"]
    results |= summary_timings()
    floor_s = driver_floor(rows)
    results["driver_rows_per_s"] = len(rows) / floor_s
    results |= paper_timings()
    # the driver floor left plain rows in place; import the real ones again for the web test
    with connection.cursor() as cursor:
        from cymuned.portfolio.models import MonitoringReturn

        cursor.execute(f"DELETE FROM {MonitoringReturn.history.model._meta.db_table}")
        cursor.execute(f"DELETE FROM {MonitoringReturn._meta.db_table}")
    call_command("import", "returns", path, verbosity=0)
    call_command("setup-demo", stdout=open(os.devnull, "w"))
    if connection.vendor == "postgresql" or os.environ.get("BENCH_WEB_SQLITE"):
        results["web"] = web_latency()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
