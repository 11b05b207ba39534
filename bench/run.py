"""The national benchmark on PostgreSQL, in one process (DATABASE_URL is set by bench/__main__.py).

Builds the data set (or reuses it), states the server's settings, starts gunicorn on BENCH_PORT and
measures each operation: one request alone (the response cache emptied first), the SQL queries it
runs, its SQL floor (hand-written SQL fetching exactly what it shows, same connection options as
the service), and p50/p95 under 20 concurrent clients; the framework floor is a constant page
through the same middleware under the same gunicorn.
"""

import gzip
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("CYMUNED_DEV", "1")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import dataset, indicators  # noqa: E402

HERE = Path(__file__).resolve().parent
PERIOD = dataset.PERIODS[-1]
INDICATOR_YEAR = indicators.YEARS[-1]
BOARD = "7A2"  # Hywel Dda: its own clusters and a seventh of the synthetic ones
CLIENTS = 20
REQUESTS_PER_CLIENT = int(os.environ.get("BENCH_REQUESTS_PER_CLIENT", "25"))  # 500 requests: a steadier p95
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
LOAD_ONLY_BELOW_MS = 3000  # an operation slower than this alone is not also run 20 at once
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-only-password")


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# --- building ---------------------------------------------------------------------------------


def build(scale: int) -> dict:
    from django.contrib.auth import get_user_model
    from simple_history.utils import bulk_create_with_history  # noqa: F401

    from cymuned.accounts.models import Role, RoleGrant
    from cymuned.orgs.models import Kind, Membership, OrgUnit
    from cymuned.outcomes.models import ExpectedReturn, Provider
    from cymuned.portfolio.importers import ProjectImporter, ReturnImporter
    from cymuned.portfolio.models import Project

    figures = {}
    call_command("migrate", verbosity=0)
    call_command("setup-demo", stdout=open(os.devnull, "w"))
    boards = list(OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).filter(synthetic=False).order_by("code"))
    assert len(boards) == 7, f"expected the seven health boards, found {len(boards)}"
    units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(code=c, kind=Kind.CLUSTER, name_en=f"Synthetic cluster {c}", synthetic=True)
            for c in dataset.neighbourhood_codes(scale)
        ]
    )
    # Round robin over the boards: each holds 178–179 synthetic clusters (about 3,570 projects).
    Membership.objects.bulk_create([Membership(child=u, parent=boards[i % 7]) for i, u in enumerate(units)])
    start = time.perf_counter()
    ProjectImporter().run(dataset.projects_csv(scale), "bench-projects.csv")
    figures["projects_import_s"] = time.perf_counter() - start
    rows = dataset.return_rows(scale)
    start = time.perf_counter()
    outcome = ReturnImporter().run(dataset.returns_csv(rows), "bench-returns.csv")
    figures["returns_import_s"] = time.perf_counter() - start
    figures["returns_imported"] = outcome.rows
    provider = Provider.objects.create(name="Synthetic provider (bench)", synthetic=True)
    due = dataset_due()
    ExpectedReturn.objects.bulk_create(
        [
            ExpectedReturn(project_id=pk, provider=provider, period=PERIOD, due=due)
            for pk in Project.objects.filter(code__startswith="BN").values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    users = get_user_model()
    admin = users.objects.create_superuser("bench-admin", "bench-admin@localhost", PASSWORD)
    national = users.objects.create_user("bench-national", "bench-national@localhost", PASSWORD)
    wales = OrgUnit.objects.of_kind(Kind.NATION).filter(synthetic=False).get()
    RoleGrant.objects.create(user=national, unit=wales, role=Role.ADMINISTRATOR)
    assert not national.is_superuser and admin.is_superuser
    return figures


def dataset_due():
    from cymuned.periods import Quarter

    return Quarter.parse(PERIOD).end


def analyse() -> float:
    """VACUUM ANALYZE: the statistics the planner needs, and the visibility map that lets an index-only
    scan skip the table. The bench's server runs with autovacuum off, where production's autovacuum
    would have done both after a load; with ANALYZE alone every index-only scan fetched each row again
    (the board summary's scope: 3,634 heap fetches)."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - start


def server_settings() -> dict:
    names = [
        "server_version",
        "jit",
        "jit_above_cost",
        "autovacuum",
        "work_mem",
        "shared_buffers",
        "effective_cache_size",
        "random_page_cost",
        "max_connections",
    ]
    found = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SHOW {name}")
            found[name] = cursor.fetchone()[0]
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'jit'")
    from django.conf import settings

    return {
        "database": connection.settings_dict["NAME"],
        "server_defaults": found,
        "service_connection_options": settings.DATABASES["default"].get("OPTIONS", {}).get("options", ""),
        "gunicorn_workers": WORKERS,
        "clients": CLIENTS,
        "load": load_tool(),
        "cpu_cores": os.cpu_count(),
    }


# --- the SQL floors -------------------------------------------------------------------------------

# A return carries its previous status, trend and their ranks, stored when it is saved
# (portfolio.returns): the floors read them as the pages do, rather than looking each project's
# previous return up again.

# The projects the national administrator may see: those of the units beneath their grants. A role on
# the nation reaches every unit (cymuned.accounts.rules.visible_unit_ids answers "all"), so `visible` is
# then None and the condition holds for every project, as it does for what the page fetches.
VISIBLE = """(%(visible)s::int[] IS NULL OR EXISTS (SELECT 1 FROM portfolio_project_clusters pc
                 WHERE pc.project_id = pr.id AND pc.orgunit_id = ANY(%(visible)s::int[])))"""
BOARD_SCOPE = """EXISTS (SELECT 1 FROM portfolio_project_clusters pc
                 JOIN orgs_membership m ON m.child_id = pc.orgunit_id
                 WHERE pc.project_id = pr.id AND m.parent_id = %(board)s)"""


def portfolio_floor(scope: str, order: str) -> list[str]:
    """A page of 100 projects with status, previous status (the trend) and cluster codes, the
    count the pager shows, and the quarter's coverage above the list."""
    return [
        coverage_floor(scope),
        f"""SELECT pr.code, pr.name, pr.state, pr.theme, r.status, r.previous_status, r.trend,
                   (SELECT string_agg(u.code, ';') FROM portfolio_project_clusters pc
                      JOIN orgs_orgunit u ON u.id = pc.orgunit_id WHERE pc.project_id = pr.id)
              FROM portfolio_project pr
              LEFT JOIN portfolio_monitoringreturn r ON r.project_id = pr.id AND r.period = %(period)s
             WHERE {scope}
             ORDER BY {order} LIMIT 100""",
        f"SELECT COUNT(*) FROM portfolio_project pr WHERE {scope}",
    ]


def coverage_floor(scope: str) -> str:
    """The coverage the pages and the summary show (portfolio.coverage): how many projects have a
    return in the quarter, and the codes of those running without one, in one pass."""
    return f"""SELECT COUNT(r.id),
                      array_agg(pr.code ORDER BY pr.code) FILTER (
                          WHERE r.id IS NULL AND pr.state <> 'proposed' AND pr.start_date <= %(quarter_end)s
                            AND (pr.end_date >= %(quarter_start)s
                                 OR (pr.end_date IS NULL AND pr.state IN ('active', 'under_review'))))
                 FROM portfolio_project pr
                 LEFT JOIN portfolio_monitoringreturn r ON r.project_id = pr.id AND r.period = %(period)s
                WHERE {scope}"""


# The flagged list is what the summary prints (cymuned.portfolio.queries.flagged_returns): red,
# worse than the quarter before (portfolio.rag.trend), or with its outcome data overdue and not
# arrived (cymuned.outcomes.queries.not_received_projects: a return due before today that was never
# sent or holds no value for the quarter or its months).
LATE = """SELECT e.project_id FROM outcomes_expectedreturn e
           WHERE e.period = %(period)s AND e.due < CURRENT_DATE
             AND (e.first_submitted_at IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outcomes_measurevalue v JOIN outcomes_measure m ON m.id = v.measure_id
                   WHERE m.project_id = e.project_id AND v.period = ANY(%(outcome_periods)s)))"""


def summary_floor(scope: str, flagged_limit: str) -> list[str]:
    """The counts and grid (one aggregate), the flagged rows the response holds, the coverage,
    finished and under-review projects, and the finance block's sums."""
    return [
        coverage_floor(scope),
        f"""SELECT r.trend, r.status, COUNT(*)
              FROM portfolio_monitoringreturn r JOIN portfolio_project pr ON pr.id = r.project_id
             WHERE r.period = %(period)s AND r.status <> '' AND {scope} GROUP BY 1, 2""",
        # the page's rows are read after the list is cut (and counted over its narrow rows), so
        # the whole of every flagged row is not carried to the end of the count
        f"""WITH late AS MATERIALIZED ({LATE}),
                 page AS (SELECT r.id, pr.code, COUNT(*) OVER () AS total
                            FROM portfolio_monitoringreturn r JOIN portfolio_project pr ON pr.id = r.project_id
                            LEFT JOIN late ON late.project_id = r.project_id
                           WHERE r.period = %(period)s AND r.status <> '' AND {scope}
                             AND (r.status = 'red' OR r.trend = 'worsening' OR late.project_id IS NOT NULL)
                           ORDER BY pr.code {flagged_limit})
            SELECT page.code, pr.name, r.*, late.project_id IS NOT NULL, page.total
              FROM page JOIN portfolio_monitoringreturn r ON r.id = page.id
              JOIN portfolio_project pr ON pr.id = r.project_id
              LEFT JOIN late ON late.project_id = r.project_id
             ORDER BY page.code""",
        f"""SELECT pr.code, pr.name, pr.state, pr.end_date FROM portfolio_project pr
             WHERE pr.state IN ('finished', 'under_review', 'mainstreamed', 'stopped') AND {scope}""",
        """SELECT b.cluster_id, SUM(b.budget_gbp) FROM finance_budget b GROUP BY 1""",
    ]


@dataclass
class Operation:
    name: str
    path: str
    user: str  # "admin" or "national"
    floor: list[str]
    target_p95_ms: float | None = 100.0
    target_single_ms: float | None = None
    load: bool = True
    call: object = None  # measured in this process instead of over HTTP (no page offers it)


def indicators_floor() -> list[str]:
    """The dashboard's data: the memberships on the date with their units, every register row of the
    years, each practice's registered patients on each list-size date (summed by the database), and
    patients by deprivation."""
    return [
        """SELECT m.child_id, m.parent_id, u.kind FROM orgs_membership m JOIN orgs_orgunit u ON u.id = m.parent_id
            WHERE (m.valid_from IS NULL OR m.valid_from <= %(year_end)s)
              AND (m.valid_to IS NULL OR m.valid_to > %(year_end)s)""",
        "SELECT register, year, area_id, measure, value FROM indicators_registercount",
        """SELECT practice_id, as_of, SUM(patients), SUM(patients) FILTER (WHERE age_band IN ('65-69', '70-74',
                  '75-79', '80-84', '85+')) FROM indicators_patientcount GROUP BY 1, 2""",
        """SELECT p.practice_id, SUM(p.patients), SUM(p.patients) FILTER (WHERE l.decile <= 2)
             FROM finance_practicelsoa p LEFT JOIN finance_lsoa l ON l.code = p.lsoa_code GROUP BY 1""",
    ]


def operations(ids: dict) -> list[Operation]:
    from cymuned.audit.changes import PAGE_SIZE as HISTORY_PAGE
    from cymuned.portfolio.views import FLAGGED_PAGE_SIZE

    board_q = f"/api/v1/monitoring/summary?period={PERIOD}&health_board={BOARD}"
    wales_q = f"/api/v1/monitoring/summary?period={PERIOD}"
    return [
        Operation(
            "portfolio_national",
            f"/projects/?period={PERIOD}",
            "national",
            portfolio_floor(VISIBLE, "pr.code"),
        ),
        Operation("portfolio_superuser", f"/projects/?period={PERIOD}", "admin", portfolio_floor("true", "pr.code")),
        Operation(
            "portfolio_sorted_status",
            f"/projects/?period={PERIOD}&sort=status",
            "national",
            portfolio_floor(VISIBLE, "r.status_rank, pr.code"),
            target_p95_ms=None,
        ),
        Operation(
            "project",
            f"/projects/{ids['project_code']}/",
            "national",
            [
                "SELECT * FROM portfolio_project WHERE code = %(project_code)s",
                """SELECT u.* FROM orgs_orgunit u JOIN portfolio_project_clusters pc ON pc.orgunit_id = u.id
                    WHERE pc.project_id = %(project_id)s""",
                "SELECT * FROM portfolio_monitoringreturn WHERE project_id = %(project_id)s ORDER BY period",
                """SELECT * FROM portfolio_historicalmonitoringreturn WHERE project_id = %(project_id)s
                    ORDER BY history_date DESC LIMIT 100""",
                """SELECT * FROM portfolio_historicalproject WHERE id = %(project_id)s
                    ORDER BY history_date DESC LIMIT 100""",
            ],
        ),
        Operation("summary_api_board", board_q, "national", summary_floor(BOARD_SCOPE, "LIMIT %(flagged)s")),
        Operation("summary_api_wales", wales_q, "national", summary_floor(VISIBLE, "LIMIT %(flagged)s")),
        # the quarter page shows the flagged projects a page at a time, as the API does
        Operation(
            "quarter_page_wales",
            f"/projects/quarter/{PERIOD}/",
            "national",
            summary_floor(VISIBLE, f"LIMIT {FLAGGED_PAGE_SIZE}"),
        ),
        Operation(
            "outcomes",
            f"/outcomes/?period={PERIOD}",
            "national",
            [
                f"""SELECT e.*, pr.code, pr.name, pv.name,
                           (SELECT string_agg(u.code, ';') FROM portfolio_project_clusters pc
                              JOIN orgs_orgunit u ON u.id = pc.orgunit_id WHERE pc.project_id = pr.id)
                      FROM outcomes_expectedreturn e JOIN portfolio_project pr ON pr.id = e.project_id
                      JOIN outcomes_provider pv ON pv.id = e.provider_id
                     WHERE e.period = %(period)s AND {VISIBLE} ORDER BY pr.code"""
            ],
            target_p95_ms=None,
        ),
        Operation(
            "org_unit",
            f"/organisation/{ids['cluster_code']}/",
            "admin",
            [
                "SELECT * FROM orgs_orgunit WHERE code = %(cluster_code)s",
                """SELECT u.*, m.* FROM orgs_membership m JOIN orgs_orgunit u ON u.id = m.child_id
                    WHERE m.parent_id = %(cluster_id)s""",
                """SELECT u.*, m.* FROM orgs_membership m JOIN orgs_orgunit u ON u.id = m.parent_id
                    WHERE m.child_id = %(cluster_id)s""",
                """SELECT DISTINCT ON (l.practice_id) l.* FROM orgs_listsize l
                    JOIN orgs_membership m ON m.child_id = l.practice_id
                    WHERE m.parent_id = %(cluster_id)s ORDER BY l.practice_id, l.as_of DESC""",
            ],
            target_p95_ms=None,
        ),
        # Issue 16: a cluster's Key Indicator Dashboard against every cluster in Wales (the demo's Hywel
        # Dda practices and about six synthetic practices for each other cluster, three years of the 16
        # registers): spine chart, funnel plots, trends and gradient. Target: under 200 ms alone.
        Operation(
            "indicators_dashboard",
            f"/indicators/{ids['cluster_code']}/?year={INDICATOR_YEAR}",
            "national",
            indicators_floor(),
            target_p95_ms=None,
            target_single_ms=200,
        ),
        Operation(
            "history",
            "/history/",
            "admin",
            # One page: each table's newest PAGE_SIZE + 1 rows (whole rows: the page names each record
            # and its change) merged, newest first, to the page and the one that says there is more.
            [
                "SELECT * FROM ("
                + " UNION ALL ".join(
                    f"(SELECT '{t}' AS kind, history_id, history_date, row_to_json(h) AS record FROM {t} h"
                    f" ORDER BY history_date DESC, history_id DESC LIMIT {HISTORY_PAGE + 1})"
                    for t in ids["history_tables"]
                )
                + f") page ORDER BY history_date DESC, kind DESC, history_id DESC LIMIT {HISTORY_PAGE + 1}"
            ],
            target_p95_ms=None,
        ),
        # A board's paper is about more projects than CYMUNED_PAPER_JOB_ABOVE (500), so its page has
        # a worker write it (cymuned/reports/tasks.py): the work measured is the job's, in this process.
        Operation(
            "paper_board_docx",
            f"write(monitoring_document(period, health_board={BOARD!r}), 'docx')",
            "national",
            summary_floor(BOARD_SCOPE, ""),
            target_p95_ms=None,
            target_single_ms=1000,
            load=False,
            call=lambda: _paper("docx", BOARD),
        ),
        Operation(
            "paper_board_pdf",
            f"write(monitoring_document(period, health_board={BOARD!r}), 'pdf')",
            "national",
            summary_floor(BOARD_SCOPE, ""),
            target_p95_ms=None,
            target_single_ms=3000,
            load=False,
            call=lambda: _paper("pdf", BOARD),
        ),
        # No page offers a paper for all of Wales (the page writes one board's); the function the
        # command and a background job call is measured in this process.
        Operation(
            "paper_wales_docx",
            "write(monitoring_document(period), 'docx')",
            "admin",
            summary_floor("true", ""),
            target_p95_ms=None,
            target_single_ms=10000,
            load=False,
            call=lambda: _paper("docx"),
        ),
        Operation(
            "paper_wales_pdf",
            "write(monitoring_document(period), 'pdf')",
            "admin",
            summary_floor("true", ""),
            target_p95_ms=None,
            target_single_ms=10000,
            load=False,
            call=lambda: _paper("pdf"),
        ),
        # Issue 15: ranking with weight sensitivity and a budget, 500 proposals × 10 criteria × 5
        # assessors (the rule alone, in this process; its inputs are built before the clock starts).
        Operation(
            "proposals_rank_500",
            "cymuned.proposals.ranking.rank(500 proposals × 10 criteria × 5 assessors, sensitivity 20 %)",
            "admin",
            ["SELECT 1"],
            target_p95_ms=None,
            target_single_ms=1000,
            load=False,
            call=lambda: _rank(*RANK_INPUTS),
        ),
    ]


def rank_inputs(proposals: int = 500, criteria: int = 10, assessors: int = 5, seed: int = 15):
    """Synthetic inputs for the ranking: two hurdles and eight scored criteria with weights 1–10."""
    import random
    from decimal import Decimal

    from cymuned.proposals.ranking import Criterion, Proposal

    chance = random.Random(seed)
    rules = [Criterion(f"H{n}", "hurdle") for n in range(2)] + [
        Criterion(f"S{n}", "scored", Decimal(chance.randint(1, 10))) for n in range(criteria - 2)
    ]
    made = [
        Proposal(
            f"P{i:04d}",
            Decimal(chance.randrange(0, 80_000, 500)),
            {
                c.code: [
                    chance.random() < 0.9 if c.kind == "hurdle" else chance.randint(0, 5) for _ in range(assessors)
                ]
                for c in rules
            },
        )
        for i in range(proposals)
    ]
    return rules, made, Decimal(2_000_000)


def _rank(rules, made, budget) -> bytes:
    from decimal import Decimal

    from cymuned.proposals.ranking import rank

    result = rank(rules, made, budget, Decimal(20))
    return ",".join(f"{r.code}:{r.rank}:{r.rank_best}-{r.rank_worst}" for r in result.proposals).encode()


RANK_INPUTS = rank_inputs()


def _paper(fmt: str, health_board: str | None = None) -> bytes:
    from cymuned.periods import Quarter
    from cymuned.reports.writing import monitoring_document, write

    return write(monitoring_document(Quarter.parse(PERIOD), "en", health_board=health_board), fmt)


def sql_floor(statements: list[str], params: dict, repeat: int = 3) -> float:
    """Best of `repeat`: every statement run and every row fetched, in ms."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
        elapsed = 1000 * (time.perf_counter() - start)
        best = elapsed if best is None else min(best, elapsed)
    return best


# --- HTTP ----------------------------------------------------------------------------------------


class Http:
    def __init__(self, port: int, cookies: dict[str, str]):
        self.port = port
        self.cookies = cookies

    def get(self, path: str, user: str, headers: dict | None = None, timeout: float = 180) -> tuple[int, bytes, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(
                "GET",
                path,
                headers={"Cookie": self.cookies[user], "Accept-Encoding": "gzip", **(headers or {})},
            )
            response = conn.getresponse()
            body = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, body, dict(response.getheaders())
        finally:
            conn.close()


def timed_get(http_: Http, path: str, user: str, headers: dict | None = None) -> tuple[float, int, bytes, dict]:
    start = time.perf_counter()
    status, body, found = http_.get(path, user, headers)
    return 1000 * (time.perf_counter() - start), status, body, found


# wrk (Debian's package) sends the load when it is installed: CLIENTS connections, each sending its
# next request when the last is answered, for WRK_SECONDS. It costs the two cores far less than
# Python threads would, so the latencies are the server's rather than the client's (measured here:
# the portfolio's p95 89 ms with wrk, 99 ms with the threads). Without it, the threads below.
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "8"))
WRK_REPORT = """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "errors": %d, "p50_ms": %.3f, "p95_ms": %.3f}\\n',
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def load_tool() -> str:
    return "wrk" if shutil.which("wrk") else "python threads"


def under_load(http_: Http, path: str, user: str, headers: dict | None = None) -> dict:
    if load_tool() == "wrk":
        return _wrk(http_, path, user, headers)
    return _threads(http_, path, user, headers)


def _wrk(http_: Http, path: str, user: str, headers: dict | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        sent = {"Cookie": http_.cookies[user], "Accept-Encoding": "gzip", **(headers or {})}
        command = ["wrk", "-t2", f"-c{CLIENTS}", f"-d{WRK_SECONDS}s", "--timeout", "30s", "-s", script.name]
        for name, value in sent.items():
            command += ["-H", f"{name}: {value}"]
        done = subprocess.run([*command, f"http://127.0.0.1:{http_.port}{path}"], capture_output=True, text=True)
    line = next((text for text in done.stdout.splitlines() if text.startswith("{")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed on {path}: {done.stderr or done.stdout}")
    return json.loads(line)


def _threads(http_: Http, path: str, user: str, headers: dict | None = None) -> dict:
    """CLIENTS threads, each sending up to REQUESTS_PER_CLIENT requests, none started after
    LOAD_SECONDS."""
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + LOAD_SECONDS

    def client():
        for _ in range(REQUESTS_PER_CLIENT):
            if time.perf_counter() > deadline:
                return
            try:
                ms, status, _body, _headers = timed_get(http_, path, user, headers)
            except OSError:
                errors[0] += 1
                continue
            if status not in (200, 304):
                errors[0] += 1
            latencies.append(ms)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    if not latencies:
        return {"requests": 0, "errors": errors[0], "p50_ms": None, "p95_ms": None}
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))],
    }


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "CYMUNED_DEV": "1"}
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cymuned.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "180",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def sessions() -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    users = get_user_model()
    found = {}
    for key, name in (("admin", "bench-admin"), ("national", "bench-national")):
        client = Client()
        client.force_login(users.objects.get(username=name))
        found[key] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return found


def count_queries(path: str, username: str) -> int:
    """The queries one request runs (in this process, through the same middleware, cache empty)."""
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


# --- the run ---------------------------------------------------------------------------------------


def identifiers() -> dict:
    from cymuned.accounts.rules import visible_unit_ids
    from cymuned.caching import _history_tables
    from cymuned.orgs.models import OrgUnit
    from cymuned.outcomes.submission import month_periods
    from cymuned.periods import Quarter
    from cymuned.portfolio.models import Project

    project = Project.objects.filter(code="BN0001-P01").get()
    cluster = OrgUnit.objects.get(code="AG")
    from django.contrib.auth import get_user_model

    national = get_user_model().objects.get(username="bench-national")
    return {
        "period": PERIOD,
        "quarter_start": Quarter.parse(PERIOD).start,
        "quarter_end": Quarter.parse(PERIOD).end,
        "outcome_periods": [PERIOD, *month_periods(Quarter.parse(PERIOD))],
        "project_code": project.code,
        "project_id": project.pk,
        "cluster_code": cluster.code,
        "cluster_id": cluster.pk,
        "board": OrgUnit.objects.get(code=BOARD).pk,
        "year_end": indicators.year_end(INDICATOR_YEAR),
        "visible": None if (visible := visible_unit_ids(national)) is None else sorted(visible),
        "history_tables": [table for table, column in _history_tables() if column == "history_id"],
    }


def measure(names: list[str] | None, port: int) -> dict:
    ids = identifiers()
    chosen = [op for op in operations(ids) if names is None or op.name in names]
    server = start_gunicorn(port)
    try:
        http_ = Http(port, sessions())
        results = {"operations": {}, "framework_floor": {}, "extra": {}}
        # The framework floor: a constant page through the same middleware and gunicorn.
        singles = [timed_get(http_, "/bench/constant/", "admin")[0] for _ in range(5)]
        floor = {"single_ms": statistics.median(singles), "path": "/bench/constant/"}
        floor |= under_load(http_, "/bench/constant/", "admin")
        results["framework_floor"] = floor
        log(f"framework floor: {floor}")
        for op in chosen:
            log(f"{op.name}: {op.path}")
            if op.call is not None:
                # As a worker writes them: the first call in a process also imports and loads what
                # documents need (python-docx, WeasyPrint, fonts, about half a second), so it is run
                # once unmeasured, then the median of three is taken.
                start = time.perf_counter()
                op.call()
                first_ms = 1000 * (time.perf_counter() - start)
                timings = []
                for _attempt in range(3):
                    with CaptureQueriesContext(connection) as captured:
                        start = time.perf_counter()
                        data = op.call()
                        timings.append(1000 * (time.perf_counter() - start))
                single = statistics.median(timings)
                floor_ms = sql_floor(op.floor, dict(ids, flagged=0))
                results["operations"][op.name] = {
                    "single_ms": round(single, 1),
                    "p50_ms": None,
                    "p95_ms": None,
                    "floor_ms": round(floor_ms, 1),
                    "ratio_to_floor": round(single / floor_ms, 1),
                    "queries": len(captured),
                }
                results["extra"][op.name] = {
                    "bytes": len(data),
                    "target_single_ms": op.target_single_ms,
                    "target_p95_ms": None,
                    "in_process": True,
                    "first_call_ms": round(first_ms, 1),
                }
                log(f"  {results['operations'][op.name]}")
                continue
            # One request as a running service answers it: each of gunicorn's workers has first been
            # asked once (its first request for a page also loads templates, translations and the
            # database connection); the cache is emptied before every request. The first request is
            # kept in the extra figures.
            singles = []
            warming = 0 if op.load is False else WORKERS
            for _attempt in range(1 if op.load is False else warming + 5):
                caches["default"].clear()
                try:
                    ms, status, body, headers = timed_get(http_, op.path, op.user)
                except TimeoutError:
                    log(f"  {op.name}: no answer within 180 s; recorded as not measured")
                    results["extra"][op.name] = {"timed_out_after_ms": 180000}
                    break
                if status != 200:
                    raise SystemExit(f"{op.name}: {op.path} answered {status}: {body[:300]!r}")
                singles.append(ms)
            if not singles:
                continue
            params = dict(ids)
            params["flagged"] = len(json.loads(body).get("flagged", [])) if op.name.startswith("summary_api") else 0
            floor_ms = sql_floor(op.floor, params)
            queries = count_queries(op.path, "bench-admin" if op.user == "admin" else "bench-national")
            single = statistics.median(singles[warming:] or singles)
            entry = {
                "single_ms": round(single, 1),
                "p50_ms": None,
                "p95_ms": None,
                "floor_ms": round(floor_ms, 1),
                "ratio_to_floor": round(single / floor_ms, 1) if floor_ms else None,
                "queries": queries,
            }
            extra = {
                "bytes": len(body),
                "target_p95_ms": op.target_p95_ms,
                "target_single_ms": op.target_single_ms,
                "first_request_ms": round(singles[0], 1),
            }
            if op.load and single < LOAD_ONLY_BELOW_MS:
                load = under_load(http_, op.path, op.user)
                entry["p50_ms"] = round(load["p50_ms"], 1) if load["p50_ms"] is not None else None
                entry["p95_ms"] = round(load["p95_ms"], 1) if load["p95_ms"] is not None else None
                extra |= {"requests": load["requests"], "errors": load["errors"]}
                etag = headers.get("ETag")
                if etag:
                    revalidated = under_load(http_, op.path, op.user, {"If-None-Match": etag})
                    extra["p50_304_ms"] = revalidated["p50_ms"]
                    extra["p95_304_ms"] = revalidated["p95_ms"]
            elif op.load:
                extra["load_skipped"] = f"one request alone takes over {LOAD_ONLY_BELOW_MS} ms"
            results["operations"][op.name] = entry
            results["extra"][op.name] = extra
            log(f"  {entry} {extra}")
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # a worker still busy with a long request
            server.wait()


def jit_comparison() -> dict:
    """The same requests in this process with the connection's jit on and off (the choice behind
    the service's `-c jit=off`)."""
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-national"))
    paths = {
        "portfolio_national": f"/projects/?period={PERIOD}",
        "portfolio_sorted_status": f"/projects/?period={PERIOD}&sort=status",
        "summary_api_wales": f"/api/v1/monitoring/summary?period={PERIOD}",
    }
    found = {}
    for name, path in paths.items():
        found[name] = {}
        for jit in ("on", "off"):
            with connection.cursor() as cursor:
                cursor.execute(f"SET jit = {jit}")
            best = None
            for _ in range(2):
                caches["default"].clear()
                start = time.perf_counter()
                client.get(path)
                elapsed = 1000 * (time.perf_counter() - start)
                best = elapsed if best is None else min(best, elapsed)
            found[name][f"jit_{jit}_ms"] = round(best, 1)
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
    return found


def main(scale: int, reuse: bool, names: list[str] | None, port: int) -> dict:
    built = {}
    if not reuse:
        log(f"building the data set at scale {scale} …")
        built = build(scale)
    else:
        # the database an earlier run left, brought up to this code's schema first
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    built |= indicators.ensure()  # also into a database an earlier run left
    built["analyse_s"] = analyse()
    results = measure(names, port)
    results["settings"] = server_settings() | {"scale": scale, "build": built}
    if scale == 1 and names is None:
        results["settings"]["jit_measured"] = jit_comparison()
        log(f"jit: {results['settings']['jit_measured']}")
    return results
