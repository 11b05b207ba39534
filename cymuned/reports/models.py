from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .wording import say


class Committee(models.Model):
    """A committee that receives the monitoring paper, with the cover details last used for it."""

    name_en = models.CharField(_("committee (English)"), max_length=200, unique=True)
    name_cy = models.CharField(_("committee (Welsh)"), max_length=200)
    meeting_date = models.DateField(_("date of meeting"), null=True, blank=True)
    title_en = models.CharField(_("title of report (English)"), max_length=300)
    title_cy = models.CharField(_("title of report (Welsh)"), max_length=300)
    lead_director = models.CharField(_("lead director"), max_length=300)
    reporting_officer = models.CharField(_("reporting officer"), max_length=300)
    for_decision = models.BooleanField(_("for decision (otherwise for information)"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name_en

    @classmethod
    def default(cls) -> "Committee":
        """The Strategy and Planning Committee, with the details of the published July 2025 paper."""
        committee, _created = cls.objects.get_or_create(
            name_en=say("committee_default", "en"),
            defaults={
                "name_cy": say("committee_default", "cy"),
                "title_en": say("title_default", "en"),
                "title_cy": say("title_default", "cy"),
                "lead_director": "Jill Paterson, Director of Primary Care, Community and Long Term Care",
                "reporting_officer": "Laura Lloyd Davies, Cluster Development Manager",
            },
        )
        return committee
