"""Background jobs: what a person asked for, how far it has got, and the workers that run them.

The queue itself is django-tasks' database backend (its `DBTaskResult` table); a `Job` is the part a
person sees — its kind, its owner, progress counts written by the task as it goes, and the outcome.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A worker process says it is alive every few seconds (`cymuned worker`); /readyz reads it."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} ({self.pid})"


class Job(models.Model):
    """One piece of long work a person started: an import of an uploaded file, a batch of reminders."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        REJECTED = "rejected", _("Refused: nothing was written")
        FAILED = "failed", _("Failed: nothing was written")

    FINISHED = (State.DONE, State.REJECTED, State.FAILED)

    kind = models.CharField(_("kind"), max_length=40)
    label = models.CharField(_("what"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("by")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    # what the task needs besides the person (an import's kind and file name, a reminder's period)
    arguments = models.JSONField(default=dict, blank=True)
    # the worker that took the job: a job still running when its worker stopped beating was killed
    worker_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    # where a job without rows to count has got to (a paper: gathering, writing the file), from STEPS
    step = models.CharField(_("step"), max_length=20, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.label} {self.state}"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def step_label(self):
        return STEPS.get(self.step, self.step)


# The kinds of job, in words (the task that runs each lives with its capability).
KIND_LABELS = {
    "import": _("Import of an uploaded file"),
    "remind": _("Outcome return reminders"),
    "paper": _("Committee paper"),
}

# The steps of a job that has no rows to count, in words.
STEPS = {
    "gathering": _("Gathering the figures"),
    "writing-docx": _("Writing the Word file"),
    "writing-pdf": _("Writing the PDF file"),
}


class JobFile(models.Model):
    """The file a job reads (an upload), kept in the database — the one store every web process and
    worker shares — until the job ends, then deleted. Never served back to anyone."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, primary_key=True, related_name="file")
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        verbose_name = _("job file")
        verbose_name_plural = _("job files")

    def __str__(self) -> str:
        return self.name


class JobOutput(models.Model):
    """The file a job made (a committee paper), kept in the database with its job so any web process
    can serve it; served only to who may open the job and, checked again at each download, may still
    see what the file is about (reports: the paper's health board or clusters)."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, primary_key=True, related_name="output")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=255)
    data = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("job output")
        verbose_name_plural = _("job outputs")

    def __str__(self) -> str:
        return self.name
