"""/metrics for Prometheus (django-prometheus): request latency and counts by view, database query
counts and time, and Cymuned's own figures read from the database at each scrape — so they are the same
whichever web process answers and include the worker's work: jobs waiting and failed, and the pace of
the latest import (rows per second).

Protected: a request must carry `Authorization: Bearer <CYMUNED_METRICS_TOKEN>` or come from an address
in CYMUNED_METRICS_ALLOW; otherwise it is answered 404, as if there were nothing here.
"""

import hmac
import ipaddress

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView
from prometheus_client.core import REGISTRY, GaugeMetricFamily


def allowed(request) -> bool:
    token = settings.CYMUNED_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in settings.CYMUNED_METRICS_ALLOW)


@login_not_required
@never_cache
def metrics(request):
    if not allowed(request):
        raise Http404
    return ExportToDjangoView(request)


class CymunedCollector:
    """Figures of the whole service, read from the database when Prometheus asks."""

    def describe(self):
        return []  # nothing asked of the database when the collector is registered

    def collect(self):
        from django.db.models import Count
        from django_tasks.backends.database.models import DBTaskResult

        from cymuned.imports.models import ImportRun

        by_status = GaugeMetricFamily(
            "cymuned_jobs", "Background jobs kept in the queue table, by status", labels=["status"]
        )
        try:
            counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
            last = (
                ImportRun.objects.filter(outcome=ImportRun.Outcome.APPLIED, finished_at__isnull=False)
                .order_by("-finished_at")
                .first()
            )
        except Exception:  # no database: the request metrics still answer
            return
        for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL"):
            by_status.add_metric([status.lower()], counts.get(status, 0))
        yield by_status
        yield GaugeMetricFamily(
            "cymuned_job_queue_length", "Background jobs waiting for a worker", value=counts.get("READY", 0)
        )
        yield GaugeMetricFamily(
            "cymuned_job_failures",
            "Background jobs that failed (kept in the queue table)",
            value=counts.get("FAILED", 0),
        )
        pace = 0.0
        if last is not None:
            seconds = (last.finished_at - last.started_at).total_seconds()
            pace = last.rows / seconds if seconds > 0 else float(last.rows)
        yield GaugeMetricFamily(
            "cymuned_import_rows_per_second", "Rows per second of the latest applied import", value=pace
        )


REGISTRY.register(CymunedCollector())
