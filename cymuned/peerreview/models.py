"""The national peer review (seed 003): each unit's self-reflection; the draw of one unit per health
board with its reviewing board and outcomes; the discussion; the agreed actions followed up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit


class SelfReflection(models.Model):
    """The five parts of the national self-reflection tool: (1) the PCMW outcomes and (2) the ACD outcomes
    rated (the consensus stages of the unit's assessment against the outcomes framework), (3) what
    helps (facilitators), (4) what hinders (barriers), (5) the priorities for the year ahead."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="self_reflections")
    cycle = models.CharField(_("cycle"), max_length=7)
    facilitators = models.TextField(_("facilitators"), blank=True)
    barriers = models.TextField(_("barriers"), blank=True)
    priorities = models.TextField(_("priorities for the year ahead"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    history = Recorded()

    class Meta:
        verbose_name = _("self-reflection")
        verbose_name_plural = _("self-reflections")
        constraints = [models.UniqueConstraint(fields=["unit", "cycle"], name="self_reflection_once")]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.cycle}"


class Draw(models.Model):
    """One draw for a cycle. A re-draw is a new row with its reason; the one it replaces is kept,
    marked replaced. A published allocation (seed 003's appendix B) is a draw without a seed."""

    cycle = models.CharField(_("cycle"), max_length=7, db_index=True)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    drawn_on = models.DateField(_("units existing on"))
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    drawn_by_name = models.CharField(_("drawn by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

    history = Recorded()

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        ordering = ["-cycle", "-drawn_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle} ({self.seed})"


class DrawLine(models.Model):
    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="lines")
    health_board = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewing_board = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outcomes = models.JSONField(default=list)

    class Meta:
        verbose_name = _("unit drawn")
        verbose_name_plural = _("units drawn")
        ordering = ["health_board__code"]
        constraints = [models.UniqueConstraint(fields=["draw", "health_board"], name="one_line_per_board")]

    def __str__(self) -> str:
        return f"{self.draw.cycle} {self.health_board.code}"


class Review(models.Model):
    """The peer discussion of a drawn unit, from which the outcome letter is written."""

    line = models.OneToOneField(DrawLine, on_delete=models.PROTECT, related_name="review")
    held_on = models.DateField(_("held on"), null=True, blank=True)
    chair = models.CharField(_("independent chair"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    reviewers = models.TextField(_("reviewers"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    discussion = models.JSONField(_("discussion per outcome"), default=dict)  # outcome code → text
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = Recorded()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.line}"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Theme(models.TextChoices):
    """The emerging themes of seed 003."""

    LEADERSHIP = "leadership", _("Vision and leadership")
    NEEDS = "needs", _("Needs assessment")
    FINANCE = "finance", _("Finance")
    BUSINESS_SUPPORT = "business_support", _("Business support")
    SUSTAINABILITY = "sustainability", _("Service sustainability")
    ESTATES = "estates", _("Estates and transport")
    PROCESS = "process", _("The peer review process")


class Action(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    owner = models.CharField(_("owner"), max_length=200)
    owner_email = models.EmailField(_("owner's e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    last_reminded = models.DateField(_("last reminded"), null=True, blank=True)

    history = Recorded()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
