"""The meetings that govern clusters — cluster meetings, Locality Leads, professional collaboratives,
planning groups, the Value and Sustainability Group — with who attended and the decisions taken on
projects."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded


class MeetingKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster meeting")
    LOCALITY_LEADS = "locality_leads", _("Locality Leads")
    COLLABORATIVE = "collaborative", _("Professional collaborative")
    PLANNING_GROUP = "planning_group", _("Planning group")
    VALUE_SUSTAINABILITY = "value_sustainability", _("Value and Sustainability Group")


class Meeting(models.Model):
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = Recorded()

    class Meta:
        ordering = ["-date", "unit"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit.code} {self.date.isoformat()}"


class Attendance(models.Model):
    """Who attended: a practice (for collaboratives of general practice), or a profession or person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    practice = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("practice"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    profession = models.CharField(_("profession"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)

    history = Recorded()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "practice"], name="meetings_practice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.practice or self.profession or self.name}"


class Decision(models.TextChoices):
    MAINSTREAM = "mainstream", _("mainstream")
    STOP = "stop", _("stop")
    CONTINUE = "continue", _("continue")


class ProjectDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    project = models.ForeignKey(
        "portfolio.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)

    history = Recorded()

    class Meta:
        ordering = ["meeting__date"]
        verbose_name = _("project decision")
        verbose_name_plural = _("project decisions")

    def __str__(self) -> str:
        return f"{self.project.code}: {self.get_decision_display()} ({self.meeting})"
