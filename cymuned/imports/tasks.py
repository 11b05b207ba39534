"""An upload imported in the background: the upload page stores the file with a job and queues this
task; a worker (`cymuned worker`) runs the importer, writing the job's progress as it reads and
checks, and its outcome at the end. All-or-nothing holds as on the command line: a refused file, an
error or a killed worker leaves the database as it was, and the job says why."""

import logging

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from cymuned.jobs import running
from cymuned.jobs.models import Job

from .base import ImportRejected
from .registry import importer_class

logger = logging.getLogger(__name__)

KIND = "import"


def queue(kind: str, user, name: str, data: bytes, language: str) -> Job:
    """Keep the file with a new job and queue its import; the job is what the person follows."""
    job = running.create(KIND, name, user, {"kind": kind, "language": language}, file=(name, data))
    return running.enqueue(job, import_file)


@task(takes_context=True)
def import_file(context: TaskContext, job_id: int) -> str:
    job = running.begin_task(context, job_id)
    if job is None:
        return "not queued"
    with translation.override(job.arguments.get("language") or None):
        return _import(job)


def _import(job: Job) -> str:
    upload = job.file
    name, data = upload.name, bytes(upload.data)
    importer = importer_class(job.arguments["kind"])(user=job.user)
    try:
        outcome = importer.run(data, name, progress=running.Progress(job.pk))
    except ImportRejected as rejected:
        running.finish(job, Job.State.REJECTED, _("Nothing was imported: the file has problems."), rejected.lines())
        return Job.State.REJECTED
    except Exception as error:  # recorded in the import's run and logged by the importer
        running.finish(
            job,
            Job.State.FAILED,
            _("%(file)s: the import stopped with an unexpected error (%(error)s); nothing was written.")
            % {"file": name, "error": type(error).__name__},
        )
        raise  # and the queue keeps the failure, counted in /metrics
    running.finish(
        job,
        Job.State.DONE,
        _("%(file)s imported: %(outcome)s") % {"file": name, "outcome": outcome},
        rows_written=outcome.rows,
    )
    return Job.State.DONE
