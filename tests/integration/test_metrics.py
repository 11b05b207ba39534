"""/metrics as Prometheus scrapes it: refused without the token or an allowed address; with either,
django-prometheus' request and database figures and Cymuned's own (jobs, import pace)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from cymuned.imports.models import ImportRun

TOKEN = "metrics-token-for-tests-0123456789"


@pytest.fixture
def configured(settings):
    settings.CYMUNED_METRICS_TOKEN = TOKEN
    settings.CYMUNED_METRICS_ALLOW = ["10.1.0.0/16"]
    return settings


def test_refused_as_not_found_without_token_or_allowed_address(client, db, configured):
    assert client.get(reverse("metrics")).status_code == 404
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get(reverse("metrics"), headers={"Authorization": TOKEN}).status_code == 404  # not a bearer
    assert client.get(reverse("metrics"), REMOTE_ADDR="10.2.0.1").status_code == 404


def test_refused_when_nothing_is_configured(client, db, settings):
    settings.CYMUNED_METRICS_TOKEN, settings.CYMUNED_METRICS_ALLOW = "", []
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer "}).status_code == 404
    assert client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1").status_code == 404


def test_an_allowed_network_needs_no_token(client, db, configured):
    response = client.get(reverse("metrics"), REMOTE_ADDR="10.1.200.3")
    assert response.status_code == 200


def test_request_latency_database_time_jobs_and_import_pace(client, db, configured, world):
    client.force_login(world.viewer)
    client.get(reverse("home"))
    DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default", status="FAILED"
    )
    finished = timezone.now()
    ImportRun.objects.create(kind="budgets", filename="b.csv", rows=500, outcome=ImportRun.Outcome.APPLIED)
    ImportRun.objects.filter(kind="budgets").update(started_at=finished - timedelta(seconds=4), finished_at=finished)

    response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'django_http_requests_latency_seconds_by_view_method_bucket{le="0.01",method="GET",view="home"}' in text
    assert "django_db_query_duration_seconds_bucket" in text  # database time, by django-prometheus' engines
    assert "cymuned_job_queue_length 1.0" in text
    assert "cymuned_job_failures 1.0" in text
    assert 'cymuned_jobs{status="failed"} 1.0' in text
    assert "cymuned_import_rows_per_second 125.0" in text  # 500 rows in 4 s
