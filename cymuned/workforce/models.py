"""The multi-professional workforce: staff in post by unit, quarter and staff group (the groups are
data), and the leadership posts of clusters, neighbourhoods and collaboratives."""

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded


class StaffGroup(models.Model):
    """A staff group, loaded from `definitions/staff_groups.json`."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_cy = models.CharField(_("name (Welsh)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    statswales_column = models.CharField(_("StatsWales column"), max_length=60, blank=True)

    history = Recorded()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("staff group")
        verbose_name_plural = _("staff groups")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_cy if translation.get_language() == "cy" and self.name_cy else self.name_en


class Funding(models.TextChoices):
    CLUSTER = "cluster_funds", _("cluster funds")
    CORE = "core", _("core")
    OTHER = "other", _("other")


class StaffInPost(models.Model):
    """Staff of one group in post at a unit (practice, cluster or neighbourhood) in a quarter."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("quarter"), max_length=10, db_index=True)
    staff_group = models.ForeignKey(StaffGroup, verbose_name=_("staff group"), on_delete=models.PROTECT)
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    fte = models.DecimalField(_("whole-time equivalent"), max_digits=8, decimal_places=2)
    funding_source = models.CharField(_("funding source"), max_length=20, choices=Funding.choices)
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("funding project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = Recorded()

    class Meta:
        ordering = ["period", "unit", "staff_group"]
        verbose_name = _("staff in post")
        verbose_name_plural = _("staff in post")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "staff_group", "funding_source", "project"],
                name="workforce_staff_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period} {self.staff_group.code}: {self.fte}"


class LeadershipRole(models.TextChoices):
    CLUSTER_LEAD = "cluster_lead", _("Cluster Lead")
    CLINICAL_DIRECTOR = "clinical_director", _("Clinical Director")
    COLLABORATIVE_LEAD = "collaborative_lead", _("Collaborative lead")


class LeadershipPost(models.Model):
    """A leadership post of a unit: who holds it from when to when, for how many sessions a week;
    a vacancy is a post with no one in it."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=LeadershipRole.choices)
    profession = models.CharField(_("profession"), max_length=40, blank=True)
    holder = models.CharField(_("held by"), max_length=200, blank=True, help_text=_("Blank: the post is vacant."))
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until (exclusive)"), null=True, blank=True)
    sessions_per_week = models.DecimalField(_("sessions a week"), max_digits=4, decimal_places=1)
    agreement = models.CharField(_("agreement"), max_length=200, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = Recorded()

    class Meta:
        ordering = ["unit", "role", "-valid_from"]
        verbose_name = _("leadership post")
        verbose_name_plural = _("leadership posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="workforce_post_range_forwards",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.unit.code}: {self.holder or 'vacant'}"

    @property
    def vacant(self) -> bool:
        return not self.holder
