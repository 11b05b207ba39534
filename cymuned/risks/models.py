"""The risk register: risks as Datix holds them (reference, scores now and at target, review),
their actions, and the table that maps Datix's units to the organisation's."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded

from .bands import Band, band_of, score

_SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Status(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Risk(models.Model):
    reference = models.CharField(_("Datix reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="risks")
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
    )
    opened = models.DateField(_("opened"), null=True, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (current)"), validators=_SCALE)
    consequence = models.PositiveSmallIntegerField(_("consequence (current)"), validators=_SCALE)
    target_likelihood = models.PositiveSmallIntegerField(_("likelihood (target)"), validators=_SCALE)
    target_consequence = models.PositiveSmallIntegerField(_("consequence (target)"), validators=_SCALE)
    controls = models.TextField(_("controls"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    without_datix_id = models.BooleanField(
        _("no Datix ID"),
        default=False,
        help_text=_("The source cites this risk without a Datix ID: its reference is Cymuned's own."),
    )
    scores_assumed = models.BooleanField(
        _("likelihood and consequence assumed"),
        default=False,
        help_text=_("Only the score was published: the likelihood and consequence were chosen to give it."),
    )

    history = Recorded()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, consequence__gte=1, consequence__lte=5)
                & models.Q(
                    target_likelihood__gte=1,
                    target_likelihood__lte=5,
                    target_consequence__gte=1,
                    target_consequence__lte=5,
                ),
                name="risks_scores_on_the_matrix",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    @property
    def score(self) -> int:
        return score(self.likelihood, self.consequence)

    @property
    def target_score(self) -> int:
        return score(self.target_likelihood, self.target_consequence)

    @property
    def band(self) -> Band:
        return band_of(self.score)

    @property
    def target_band(self) -> Band:
        return band_of(self.target_score)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class RiskAction(models.Model):
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    history = Recorded()

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("risk action")
        verbose_name_plural = _("risk actions")

    def __str__(self) -> str:
        return f"{self.risk.reference}: {self.description[:60]}"


def datix_key(name: str) -> str:
    """A Datix unit name as the mapping matches it: case and spacing ignored."""
    return " ".join(str(name).split()).casefold()


class DatixUnit(models.Model):
    """Which unit of the organisation a Datix directorate or unit stands for (edited in the admin)."""

    datix_name = models.CharField(_("Datix directorate or unit"), max_length=200, unique=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")

    history = Recorded()

    class Meta:
        ordering = ["datix_name"]
        verbose_name = _("Datix unit")
        verbose_name_plural = _("Datix units")

    def __str__(self) -> str:
        return f"{self.datix_name} → {self.unit.code}"

    def save(self, *args, **kwargs):
        self.datix_name = " ".join(self.datix_name.split())
        super().save(*args, **kwargs)
