"""/healthz (liveness) and /readyz (readiness) as a load balancer calls them: signed out, plain GET."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.database.models import DBTaskResult

from cymuned import health
from cymuned.jobs import heartbeat
from cymuned.jobs.models import WorkerHeartbeat


@pytest.fixture(autouse=True)
def _forget_migrations_checked():
    health._migrated.clear()
    yield
    health._migrated.clear()


def test_liveness_answers_without_asking_the_database(client):
    # no `db` fixture: pytest-django refuses any query, so this passes only if none is made
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_with_database_migrations_and_no_jobs_yet(client, db):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok", "worker": "no jobs yet"}


def test_not_ready_when_the_database_does_not_answer(client, db, monkeypatch):
    class Broken:
        def cursor(self):
            raise ConnectionRefusedError("no database")

    monkeypatch.setattr(health, "connections", {"default": Broken()})
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ConnectionRefusedError"}


def test_not_ready_while_migrations_are_pending(client, db, monkeypatch):
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [("a", False), ("b", False)])
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["migrations"] == "2 not applied"


def _queue_a_job():
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="cymuned.jobs.tasks.nothing", backend_name="default"
    )


def test_with_jobs_a_worker_must_have_been_seen_in_the_last_minute(client, db):
    _queue_a_job()
    response = client.get(reverse("readyz"))
    assert response.status_code == 503 and response.json()["worker"] == "not seen in the last minute"

    heartbeat.beat("w1", timezone.now())
    assert client.get(reverse("readyz")).json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker": "ok",
    }

    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=61))
    assert client.get(reverse("readyz")).status_code == 503


def test_the_worker_command_says_it_is_alive(client, transactional_db, settings):
    """`cymuned worker --batch` runs what is queued, then stops; it beat when it started."""
    # the tests run jobs at once (settings_test); a worker serves the database backend of production
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
    _queue_a_job()
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "health-test", verbosity=0)
    seen = WorkerHeartbeat.objects.get()
    assert seen.worker_id == "health-test" and timezone.now() - seen.seen_at < timedelta(seconds=30)
    assert client.get(reverse("readyz")).status_code == 200
