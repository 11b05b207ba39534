"""The service's own pages: the start page and the health checks."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import health


def home(request):
    return render(request, "home.html")


@login_not_required
@never_cache
def healthz(request):
    """Liveness: the process answers requests. It asks nothing of the database, so a database outage
    does not make an orchestrator restart every web process."""
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
def readyz(request):
    """Readiness, for load balancers: 200 when the database answers, its migrations are all applied and
    (once any background job exists) a worker was seen in the last minute; else 503 naming what failed."""
    checks = health.readiness()
    ready = all(check.ok for check in checks)
    body = {"status": "ok" if ready else "error", **{check.name: check.detail for check in checks}}
    return JsonResponse(body, status=200 if ready else 503)
