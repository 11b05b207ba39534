"""A committee paper written in the background (background.py says which): the paper page records what
was asked for with a job and queues this task; a worker gathers the figures, writes the Word or PDF
file and keeps it with the job, saying which step it is on as it goes. The person follows the job's
page and downloads the file from there (views.paper_file, which asks again who may read it).

The paper is written with the rights its owner holds when the worker takes the job: the whole
board's paper for a viewer of the board, else one limited to the clusters they may see (recorded
with the job, so that a download can check them again)."""

from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from cymuned.accounts.rules import can_view, visible_unit_ids
from cymuned.jobs import running
from cymuned.jobs.models import Job
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter

from .models import Committee
from .writing import FORMATS, monitoring_document, scope_of, write

KIND = "paper"


@dataclass(frozen=True)
class PaperAsked:
    """A monitoring paper as the paper page asks for it, parsed there."""

    period: Quarter
    language: str  # of the paper: en, cy or both
    fmt: str  # docx or pdf
    health_board: str
    meeting_date: date
    committee: int | None = None

    @property
    def file_name(self) -> str:
        return f"monitoring-{self.health_board}-{self.period}-{self.language}.{FORMATS[self.fmt].extension}"


class PaperRefused(Exception):
    """The paper cannot be written as asked (the reason is said to the person)."""


def queue_paper(asked: PaperAsked, user) -> Job:
    """Record the paper with a new job and queue it; the job is what the person follows. Messages are
    written in the language of the page it was asked from."""
    arguments = {
        "period": str(asked.period),
        "language": asked.language,
        "format": asked.fmt,
        "health_board": asked.health_board,
        "meeting_date": asked.meeting_date.isoformat(),
        "committee": asked.committee,
        "interface_language": translation.get_language() or "en",
    }
    return running.enqueue(running.create(KIND, asked.file_name, user, arguments), write_paper)


@task(takes_context=True)
def write_paper(context: TaskContext, job_id: int) -> str:
    job = running.begin_task(context, job_id)
    if job is None:
        return "not queued"
    with translation.override(job.arguments.get("interface_language") or None):
        return _write(job)


def _asked(job: Job) -> PaperAsked:
    arguments = job.arguments
    return PaperAsked(
        period=Quarter.parse(arguments["period"]),
        language=arguments["language"],
        fmt=arguments["format"],
        health_board=arguments["health_board"],
        meeting_date=date.fromisoformat(arguments["meeting_date"]),
        committee=arguments.get("committee"),
    )


def _write(job: Job) -> str:
    asked = _asked(job)
    try:
        running.step(job, "gathering")
        board = OrgUnit.objects.filter(code=asked.health_board, kind=Kind.HEALTH_BOARD).first()
        if board is None:
            raise PaperRefused(_("The health board %(code)s no longer exists.") % {"code": asked.health_board})
        committee = None
        if asked.committee is not None:
            committee = Committee.objects.select_related("health_board").filter(pk=asked.committee).first()
            if committee is None:
                raise PaperRefused(_("The committee chosen for the paper no longer exists."))
        whole = job.user is None or can_view(job.user, board)
        visible = None if whole else visible_unit_ids(job.user)
        covered = scope_of(asked.period, health_board=board.code, visible=visible).clusters
        if not covered:
            raise PaperRefused(_("You may no longer see any cluster of %(board)s.") % {"board": board.name})
        document = monitoring_document(
            asked.period,
            asked.language,
            committee,
            health_board=board.code,
            visible=visible,
            meeting_date=asked.meeting_date,
        )
        running.step(job, f"writing-{asked.fmt}")
        data = write(document, asked.fmt)
    except PaperRefused as refused:
        running.finish(job, Job.State.REJECTED, str(refused))
        return Job.State.REJECTED
    except Exception as error:
        running.finish(
            job,
            Job.State.FAILED,
            _("The paper could not be written: an unexpected error (%(error)s).") % {"error": type(error).__name__},
        )
        raise  # and the queue keeps the failure, counted in /metrics
    # who may download it later: the board's viewers, or viewers of each cluster it was limited to
    limited = None if whole else [cluster.code for cluster in covered]
    Job.objects.filter(pk=job.pk).update(arguments={**job.arguments, "clusters": limited})
    running.finish(
        job,
        Job.State.DONE,
        _("%(file)s written (%(size)s).") % {"file": asked.file_name, "size": filesizeformat(len(data))},
        output=running.Output(asked.file_name, FORMATS[asked.fmt].content_type, data),
    )
    return Job.State.DONE
