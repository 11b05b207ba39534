from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded

from .paper_details import PUBLISHED, cleaned
from .scope import Meeting
from .wording import say


class Committee(models.Model):
    """A health board committee that receives the monitoring paper, with the cover details last used
    for it (remembered here; earlier values are kept in its history)."""

    health_board = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("health board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"kind": "health_board"},
    )
    name_en = models.CharField(_("committee (English)"), max_length=200)
    name_cy = models.CharField(_("committee (Welsh)"), max_length=200)
    meeting_date = models.DateField(_("date of meeting"), null=True, blank=True)
    title_en = models.CharField(_("title of report (English)"), max_length=300)
    title_cy = models.CharField(_("title of report (Welsh)"), max_length=300)
    lead_director = models.CharField(_("lead director"), max_length=300)
    lead_director_cy = models.CharField(
        _("lead director (Welsh)"), max_length=300, blank=True, help_text=_("Blank: the English is used.")
    )
    reporting_officer = models.CharField(_("reporting officer"), max_length=300)
    reporting_officer_cy = models.CharField(
        _("reporting officer (Welsh)"), max_length=300, blank=True, help_text=_("Blank: the English is used.")
    )
    for_decision = models.BooleanField(_("for decision (otherwise for information)"), default=False)
    # Objectives, further information and impact: {key: {"en": …, "cy": …}}, keys of paper_details.KEYS.
    paper_details = models.JSONField(_("objectives, further information and impact"), default=dict, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = Recorded()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(fields=["health_board", "name_en"], name="reports_committee_unique_per_board")
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.health_board.code})" if self.health_board else self.name_en

    @classmethod
    def default(cls, health_board=None) -> "Committee":
        """The Strategy and Planning Committee, with the details of the published July 2025 paper (the
        demonstration's committee; a committee added on the page starts empty)."""
        committee, _created = cls.objects.get_or_create(
            health_board=health_board,
            name_en=say("committee_default", "en"),
            defaults={
                "name_cy": say("committee_default", "cy"),
                "title_en": say("title_default", "en"),
                "title_cy": say("title_default", "cy"),
                "lead_director": say("lead_director_default", "en"),
                "lead_director_cy": say("lead_director_default", "cy"),
                "reporting_officer": say("reporting_officer_default", "en"),
                "reporting_officer_cy": say("reporting_officer_default", "cy"),
                "paper_details": PUBLISHED,
            },
        )
        return committee

    def meeting(self) -> Meeting:
        return Meeting(
            committee_en=self.name_en,
            committee_cy=self.name_cy,
            date=self.meeting_date,
            title_en=self.title_en,
            title_cy=self.title_cy,
            lead_director_en=self.lead_director,
            lead_director_cy=self.lead_director_cy,
            reporting_officer_en=self.reporting_officer,
            reporting_officer_cy=self.reporting_officer_cy,
            for_decision=self.for_decision,
            details=self._details(),
        )

    def _details(self) -> dict:
        """The remembered details; a blank Datix field is filled from the board's risk register."""
        details = cleaned(self.paper_details)
        if self.health_board is not None and not any(details["datix_risk"].values()):
            from cymuned.risks.paper import datix_field

            text = datix_field(self.health_board)
            details["datix_risk"] = {"en": text, "cy": text}
        return details
