"""Reminders as a background job: `cymuned remind --queue` queues them for a worker; the job records
how many were sent and which could not be."""

from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from cymuned.jobs import running
from cymuned.jobs.models import Job
from cymuned.periods import local_date

from .reminders import send_reminders

KIND = "remind"


def queue_reminders(period: str, days_ahead: int, user=None) -> Job:
    job = running.create(KIND, period, user, {"period": period, "days_ahead": days_ahead})
    return running.enqueue(job, remind_providers)


@task(takes_context=True)
def remind_providers(context: TaskContext, job_id: int) -> str:
    job = running.begin_task(context, job_id)
    if job is None:
        return "not queued"
    try:
        result = send_reminders(job.arguments["period"], int(job.arguments["days_ahead"]), local_date())
    except Exception as error:
        running.finish(
            job,
            Job.State.FAILED,
            _("The reminders stopped with an unexpected error (%(error)s).") % {"error": type(error).__name__},
        )
        raise
    outcome = _(
        "%(period)s: %(sent)s reminders sent, %(skipped)s already reminded today, %(failed)s could not be sent"
    ) % {
        "period": job.arguments["period"],
        "sent": result.sent,
        "skipped": result.skipped,
        "failed": len(result.failures),
    }
    running.finish(
        job,
        Job.State.DONE,
        outcome,
        result.failures,
        rows_read=result.considered,
        rows_checked=result.considered,
        rows_written=result.sent,
    )
    return Job.State.DONE
