"""Background jobs (issue 19, item 2): an upload is imported by a task, the person follows it on the
job's page (polled by htmx while it runs) and can come back to it from their list; all-or-nothing
holds. In these tests tasks run at once (the immediate backend, cymuned/settings_test.py), but for the
last one, where a real `cymuned worker` started as a child process runs the queued import."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cymuned.jobs import running
from cymuned.jobs.models import Job, JobFile, WorkerHeartbeat
from cymuned.organisation.importers import PracticeImporter
from cymuned.orgs.models import Kind, OrgUnit

HEADER = "ods_code,name,cluster,list_size,list_size_date\n"
GOOD = HEADER + "W91001,Glan Aman,AG,10,2025-01-01\nW91002,Tŷ Coch,AG,2500,2025-01-01\n"
# line 3: a list size that is not a number; line 4: a cluster that does not exist
BAD = HEADER + "W91001,Glan Aman,AG,10,2025-01-01\nW91002,Tŷ Coch,AG,many,2025-01-01\nW91003,Nant,ZZ,5,2025-01-01\n"


def _upload(client, text: str, name: str = "practices.csv", follow: bool = True):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("imports:upload", args=["practices"]), {"file": file}, follow=follow)


def _practices() -> set[str]:
    return set(OrgUnit.objects.filter(kind=Kind.PRACTICE).values_list("code", flat=True))


def test_an_upload_becomes_a_job_whose_page_shows_the_counts_and_the_outcome(client, world):
    client.force_login(world.editor)
    response = _upload(client, GOOD)
    job = Job.objects.get()
    assert response.redirect_chain == [(f"/jobs/{job.pk}/", 302)]
    assert (job.kind, job.label, job.user, job.state) == ("import", "practices.csv", world.editor, "done")
    # the file's two rows: read, checked, written
    assert (job.rows_read, job.rows_checked, job.rows_written) == (2, 2, 2)
    assert job.outcome == "practices.csv imported: 2 rows: 2 created, 0 updated, 0 unchanged"
    assert _practices() == {"W91001", "W91002"}
    assert not JobFile.objects.exists()  # the upload is not kept once read
    page = response.content.decode()
    assert 'id="rows-written">2<' in page and job.outcome in page
    assert "hx-trigger" not in page  # finished: nothing left to poll
    # the person can come back to it from their list
    listed = client.get(reverse("jobs:index")).content.decode()
    assert f'href="/jobs/{job.pk}/"' in listed and "practices.csv" in listed


def test_a_refused_file_writes_nothing_and_the_job_names_file_line_and_column(client, world):
    client.force_login(world.editor)
    page = _upload(client, BAD, "bad.csv").content.decode()
    job = Job.objects.get()
    assert job.state == "rejected" and job.rows_written == 0
    assert job.rows_read == 3 and job.rows_checked == 3
    assert job.problems == [
        "bad.csv, line 3, column “list_size”: “many” is not a whole number",
        "bad.csv, line 4, column “cluster”: “ZZ” is not a known cluster code",
    ]
    assert _practices() == set()  # not even the good first row
    assert "Refused: nothing was written" in page and "bad.csv, line 3, column “list_size”" in page


def test_a_job_that_fails_while_writing_keeps_nothing_and_says_why(client, world, monkeypatch):
    def fail_after_writing(*args, **kwargs):
        raise RuntimeError("the disk is full")

    # the practices are saved, then their cluster links fail
    monkeypatch.setattr("cymuned.organisation.importers._link", fail_after_writing)
    client.force_login(world.editor)
    page = _upload(client, GOOD).content.decode()
    job = Job.objects.get()
    assert job.state == "failed" and job.rows_written == 0 and job.finished_at is not None
    assert (
        job.outcome == "practices.csv: the import stopped with an unexpected error (RuntimeError); nothing was written."
    )
    assert _practices() == set()  # the practices written before the error were rolled back
    assert "Failed: nothing was written" in page


def test_only_the_person_who_started_a_job_and_national_administrators_see_it(client, world):
    client.force_login(world.editor)
    _upload(client, GOOD)
    job = Job.objects.get()
    url = reverse("jobs:job", args=[job.pk])
    for other in (world.other_editor, world.viewer, world.outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404  # reads as a job that does not exist
        assert "practices.csv" not in client.get(reverse("jobs:index")).content.decode()
    for administrator in (world.national, world.admin):
        client.force_login(administrator)
        assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_a_running_job_is_polled_every_two_seconds_and_its_part_alone_is_sent(client, world):
    job = running.create("import", "big.csv", world.editor, {"kind": "practices"})
    running.begin(job.pk, worker_id="w-alive")
    WorkerHeartbeat.objects.create(
        worker_id="w-alive", host="h", pid=1, started_at=timezone.now(), seen_at=timezone.now()
    )
    running.Progress(job.pk)(read=1200, checked=0)
    client.force_login(world.editor)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'id="rows-read">1200<' in page and "<html" in page
    part = client.get(reverse("jobs:job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<div id="job-progress"') and "<html" not in part and 'hx-trigger="every 2s"' in part


def test_a_job_whose_worker_was_killed_is_marked_failed_and_nothing_kept(client, world):
    job = running.create("import", "big.csv", world.editor, {"kind": "practices"}, file=("big.csv", b"x"))
    running.begin(job.pk, worker_id="w-killed")
    long_ago = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(worker_id="w-killed", host="h", pid=1, started_at=long_ago, seen_at=long_ago)
    client.force_login(world.editor)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Stopped" in page and "hx-trigger" not in page  # the page says so at once, and stops polling
    # the next worker to beat records it
    WorkerHeartbeat.objects.create(
        worker_id="w-new", host="h", pid=2, started_at=timezone.now(), seen_at=timezone.now()
    )
    from cymuned.jobs.heartbeat import beat

    beat("w-new", timezone.now())
    job.refresh_from_db()
    assert job.state == "failed" and job.outcome == running.stopped_reason() and job.finished_at is not None
    assert not JobFile.objects.exists()


def test_progress_is_written_at_most_once_a_second_unless_forced(world):
    job = running.create("import", "f.csv", None, {})
    progress = running.Progress(job.pk, every=3600)
    progress(read=1)
    progress(read=2)
    job.refresh_from_db()
    assert job.rows_read == 1
    progress(force=True, read=3)
    job.refresh_from_db()
    assert job.rows_read == 3


def test_the_importer_reports_reading_checking_and_writing_in_that_order(world):
    calls = []

    def progress(force=False, **counts):
        calls.append((force, counts))

    PracticeImporter().run(GOOD.encode(), "practices.csv", progress=progress)
    assert calls == [
        (False, {"read": 1}),
        (False, {"read": 2}),
        (True, {"read": 2}),
        (True, {"checked": 2}),
        (True, {"written": 2}),
    ]


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, password = settings.get("USER") or "", settings.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{auth}{settings.get('HOST') or ''}:{settings.get('PORT') or 5432}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_queued_import_and_the_page_reports_success(client, world, settings, tmp_path):
    if connection.vendor == "sqlite" and settings.DATABASES["default"]["NAME"] in ("", ":memory:"):
        pytest.fail("the worker needs a database file it can open")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
    client.force_login(world.editor)
    response = _upload(client, GOOD, follow=False)
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == "queued" and job.task_id and _practices() == set()
    waiting = client.get(response["Location"]).content.decode()
    assert "Waiting to start" in waiting and 'hx-trigger="every 2s"' in waiting

    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST"}}
    env.update(CYMUNED_DEV="1", DATABASE_URL=_database_url(), CYMUNED_VAR_DIR=str(tmp_path))
    env.pop("CYMUNED_TASKS_BACKEND", None)
    worker = subprocess.run(
        [sys.executable, "-m", "cymuned.cli", "worker", "--batch", "--no-startup-delay", "--no-reload"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    job.refresh_from_db()
    assert job.state == "done" and job.worker_id and (job.rows_read, job.rows_checked, job.rows_written) == (2, 2, 2)
    assert _practices() == {"W91001", "W91002"}
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Finished" in page and "2 rows: 2 created" in page and "hx-trigger" not in page


def test_reminders_can_be_queued_as_a_job(world, client):
    """`cymuned remind --queue` queues the reminders (run at once here); the job says what was sent."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("remind", "--period", "2025-26-Q1", "--queue", stdout=out)
    job = Job.objects.get()
    assert out.getvalue() == f"2025-26-Q1: reminders queued as job {job.pk}\n"
    assert (job.kind, job.label, job.user, job.state) == ("remind", "2025-26-Q1", None, "done")
    assert job.outcome == "2025-26-Q1: 0 reminders sent, 0 already reminded today, 0 could not be sent"
    client.force_login(world.national)  # a job started by no one: national administrators only
    assert "Outcome return reminders" in client.get(f"/jobs/{job.pk}/").content.decode()
    client.force_login(world.editor)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404


def test_a_schedule_names_the_quarter_just_ended_or_this_one(world):
    """`--period previous|current`, for cron and systemd timers (docs/deploy.md): on 2 August 2025 the
    quarter is 2025-26-Q2 (July–September), the one before 2025-26-Q1."""
    import io

    import time_machine
    from django.core.management import call_command

    with time_machine.travel(timezone.datetime(2025, 8, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0))):
        for word, quarter in (("previous", "2025-26-Q1"), ("current", "2025-26-Q2")):
            out = io.StringIO()
            call_command("remind", "--period", word, stdout=out)
            assert out.getvalue() == f"{quarter}: 0 reminders sent, 0 already reminded today\n"


def test_a_worker_restarted_under_the_same_id_ends_the_job_of_its_last_life(world):
    from cymuned.jobs import heartbeat

    job = running.create("import", "big.csv", world.editor, {"kind": "practices"})
    running.begin(job.pk, worker_id="w-same")
    WorkerHeartbeat.objects.create(
        worker_id="w-same", host="h", pid=1, started_at=timezone.now(), seen_at=timezone.now()
    )
    assert running.reap() == 0  # its worker is alive
    heartbeat.start("w-same", every=3600).set()
    job.refresh_from_db()
    assert job.state == "failed" and job.outcome == running.stopped_reason()


def test_a_job_run_at_once_by_a_worker_that_never_beats_is_not_taken_for_killed(world):
    job = running.create("import", "f.csv", world.editor, {"kind": "practices"})
    running.begin(job.pk, worker_id="immediate-backend")
    assert running.reap() == 0 and not running.stopped(Job.objects.get(pk=job.pk))
