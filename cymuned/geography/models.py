"""Geography and population data: small areas (LSOAs) with their WIMD 2019 rank and decile, how many
of each practice's patients live in each, and the weight a patient counts with by decile. The tables
keep the names they had when these lived in `finance`."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit


class Lsoa(models.Model):
    """A small area with its Welsh Index of Multiple Deprivation 2019 rank."""

    code = models.CharField(_("LSOA code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    local_authority = models.CharField(_("local authority"), max_length=100)
    wimd_rank = models.PositiveIntegerField(_("WIMD 2019 rank"))
    decile = models.PositiveSmallIntegerField(_("decile"))
    synthetic = models.BooleanField(_("synthetic"), default=False)
    history = Recorded()

    class Meta:
        db_table = "finance_lsoa"  # kept from when this lived in finance
        ordering = ["wimd_rank"]
        verbose_name = _("LSOA")
        verbose_name_plural = _("LSOAs")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PracticeLsoa(models.Model):
    """How many of a practice's patients live in an LSOA."""

    practice = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="lsoa_patients")
    lsoa_code = models.CharField(_("LSOA code"), max_length=12)
    patients = models.PositiveIntegerField(_("patients"))
    history = Recorded()

    class Meta:
        db_table = "finance_practicelsoa"  # kept from when this lived in finance
        constraints = [models.UniqueConstraint(fields=["practice", "lsoa_code"], name="one_count_per_practice_lsoa")]
        verbose_name = _("practice patients by LSOA")
        verbose_name_plural = _("practice patients by LSOA")

    def __str__(self) -> str:
        return f"{self.practice_id} {self.lsoa_code}: {self.patients}"


class DecileWeight(models.Model):
    """The weight a patient counts with, by the WIMD decile of where they live (editable)."""

    decile = models.PositiveSmallIntegerField(
        _("decile"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, validators=[MinValueValidator(0)])
    history = Recorded(table_name="finance_historicaldecileweight")

    class Meta:
        db_table = "finance_decileweight"  # kept from when this lived in finance
        ordering = ["decile"]
        verbose_name = _("decile weight")
        verbose_name_plural = _("decile weights")

    def __str__(self) -> str:
        return f"{self.decile}: {self.weight}"
