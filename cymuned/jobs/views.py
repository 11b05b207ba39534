"""The jobs a person started: the list, and one job's page with its progress (polled by htmx every
two seconds while it runs; the part polled is the same template, so the page and its updates agree)."""

from django.shortcuts import get_object_or_404, render

from cymuned.accounts.access import seen_jobs

from . import running
from .models import Job

LISTED = 50


def index(request):
    jobs = list(seen_jobs(request.user, Job.objects.select_related("user"))[:LISTED])
    return render(request, "jobs/index.html", {"jobs": jobs})


def job(request, pk: int):
    found = get_object_or_404(seen_jobs(request.user, Job.objects.select_related("user")), pk=pk)
    context = {"job": found, "stopped": running.stopped(found), "stopped_reason": running.stopped_reason()}
    if request.headers.get("HX-Request") == "true":
        return render(request, "jobs/_progress.html", context)
    return render(request, "jobs/job.html", context)
