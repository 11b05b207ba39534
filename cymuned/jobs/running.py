"""A job's life: asked for (a `Job` row, and the file it reads), taken by a worker, its counts written
as it goes, finished with its outcome. A job still running when its worker has stopped beating was
killed with it: it is marked failed, and since the work it did was inside one transaction, nothing of
it was kept.

Progress is written in autocommitted updates of the job's row, by callers that report it only
outside their own transaction (an import reports while reading and checking, and the rows written
once they are committed), so a failure that rolls the work back never rolls back its progress, and
the job page sees the counts as they change.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .heartbeat import SEEN_WITHIN
from .models import Job, JobFile, JobOutput, WorkerHeartbeat

PROGRESS_EVERY_SECONDS = 1.0  # the job page asks every 2 s


def create(kind: str, label: str, user, arguments: Mapping[str, Any], file: tuple[str, bytes] | None = None) -> Job:
    job = Job.objects.create(kind=kind, label=label[:255], user=user, arguments=dict(arguments))
    if file is not None:
        JobFile.objects.create(job=job, name=file[0][:255], data=file[1])
    return job


def queued(job: Job, task_id: str) -> None:
    """The queue's id for the job, once enqueued (a task run at once has started it meanwhile)."""
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=task_id[:64])


def enqueue(job: Job, task: Any) -> Job:
    """Queue the task that runs the job and note the queue's id on it."""
    result = task.enqueue(job.pk)
    queued(job, result.id)
    return job


def begin_task(context: Any, job_id: int) -> Job | None:
    """A task's first step: take its job, noting the task and the worker running it (see `begin`)."""
    worker = context.task_result.worker_ids[-1] if context.task_result.worker_ids else ""
    return begin(job_id, task_id=context.task_result.id, worker_id=worker)


def begin(job_id: int, task_id: str = "", worker_id: str = "") -> Job | None:
    """Take a queued job: None if it is gone or was already taken (a task is never run twice)."""
    taken = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now(), worker_id=worker_id[:64]
    )
    if not taken:
        return None
    if task_id:
        Job.objects.filter(pk=job_id, task_id="").update(task_id=task_id[:64])
    return Job.objects.select_related("user").get(pk=job_id)


@dataclass(frozen=True)
class Output:
    """A file a job made, to be kept with it (a paper)."""

    name: str
    content_type: str
    data: bytes


def finish(
    job: Job, state: str, outcome: str, problems: Sequence[str] = (), output: Output | None = None, **counts: int
) -> None:
    """End the job; the file it made, if any, is kept in the same transaction (never a job marked
    done without its file, nor a file of a job that did not end)."""
    fields = {"state": state, "outcome": outcome, "problems": list(problems), "finished_at": timezone.now(), **counts}
    with transaction.atomic():
        if output is not None:
            JobOutput.objects.update_or_create(
                job=job,
                defaults={
                    "name": output.name[:255],
                    "content_type": output.content_type,
                    "data": output.data,
                    "size": len(output.data),
                },
            )
        Job.objects.filter(pk=job.pk).update(**fields)
        JobFile.objects.filter(job=job).delete()  # the upload is read: it is not kept


def step(job: Job, name: str) -> None:
    """Say where a job without rows to count has got to (a key of models.STEPS); autocommitted, so
    the job page sees it at once."""
    Job.objects.filter(pk=job.pk).update(step=name)


@dataclass
class Progress:
    """The counts of one job, written at most once every `every` seconds (always when `force`d)."""

    job_id: int
    every: float = PROGRESS_EVERY_SECONDS
    _last: float | None = None

    def __call__(self, force: bool = False, **counts: int) -> None:
        now = time.monotonic()
        if not force and self._last is not None and now - self._last < self.every:
            return
        self._last = now
        Job.objects.filter(pk=self.job_id).update(**{f"rows_{name}": value for name, value in counts.items()})


def _worker_gone():
    """The job's worker beat once but not in the last minute (a job run at once, inside a request by
    the immediate backend, has a worker that never beats: it is not taken for a killed one)."""
    stale = WorkerHeartbeat.objects.filter(worker_id=OuterRef("worker_id"), seen_at__lt=timezone.now() - SEEN_WITHIN)
    return Exists(stale)


def stopped(job: Job) -> bool:
    """Running, but its worker has not been seen for a minute: killed, or lost with its machine."""
    if job.state != Job.State.RUNNING or not job.worker_id:
        return False
    seen_before = timezone.now() - SEEN_WITHIN
    return WorkerHeartbeat.objects.filter(worker_id=job.worker_id, seen_at__lt=seen_before).exists()


def stopped_reason() -> str:
    return _("The worker running this job stopped before it ended (killed or restarted); nothing was written.")


def reap(restarting: str = "") -> int:
    """Mark failed every job whose worker stopped under it; each worker does so as it starts and
    beats. A worker `restarting` under the same id as before also ends the jobs of its last life.
    Returns how many."""
    gone = Q(_worker_gone()) | Q(worker_id=restarting) if restarting else Q(_worker_gone())
    dead = Job.objects.filter(gone, state=Job.State.RUNNING).exclude(worker_id="")
    ids = list(dead.values_list("pk", flat=True))
    if ids:
        Job.objects.filter(pk__in=ids, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, outcome=stopped_reason(), finished_at=timezone.now()
        )
        JobFile.objects.filter(job_id__in=ids).delete()
    return len(ids)
