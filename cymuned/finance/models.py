"""Cluster budgets, monthly spend, and the deprivation data that allocation weighs patients by."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cymuned.orgs.models import OrgUnit
from cymuned.portfolio.models import Project

YEAR_VALIDATOR = RegexValidator(r"^\d{4}-\d{2}$", _("Write a financial year like 2025-26."))


class Budget(models.Model):
    cluster = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="budgets")
    financial_year = models.CharField(_("financial year"), max_length=7, validators=[YEAR_VALIDATOR])
    budget_gbp = models.DecimalField(_("budget (£)"), max_digits=14, decimal_places=2)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year", "cluster__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "financial_year"], name="one_budget_per_cluster_year")
        ]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.cluster.code} {self.financial_year}: £{self.budget_gbp}"


class SpendLine(models.Model):
    """Money spent by a cluster in a month of the financial year; without a project it is
    'spend unknown'."""

    cluster = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="spend_lines")
    financial_year = models.CharField(_("financial year"), max_length=7, validators=[YEAR_VALIDATOR])
    month = models.PositiveSmallIntegerField(
        _("month (1 = April)"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT, related_name="spend_lines")
    amount_gbp = models.DecimalField(_("amount (£)"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year", "cluster__name_en", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "financial_year", "month", "project"],
                condition=Q(project__isnull=False),
                name="one_spend_line_per_project_month",
            ),
            models.UniqueConstraint(
                fields=["cluster", "financial_year", "month"],
                condition=Q(project__isnull=True),
                name="one_unknown_spend_line_per_month",
            ),
        ]
        verbose_name = _("spend line")
        verbose_name_plural = _("spend lines")

    def __str__(self) -> str:
        return f"{self.cluster.code} {self.financial_year} M{self.month} {self.project_id or 'unknown'}: £{self.amount_gbp}"


class Lsoa(models.Model):
    """A small area with its Welsh Index of Multiple Deprivation 2019 rank."""

    code = models.CharField(_("LSOA code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    local_authority = models.CharField(_("local authority"), max_length=100)
    wimd_rank = models.PositiveIntegerField(_("WIMD 2019 rank"))
    decile = models.PositiveSmallIntegerField(_("decile"))
    synthetic = models.BooleanField(_("synthetic"), default=False)
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["decile"]
        verbose_name = _("decile weight")
        verbose_name_plural = _("decile weights")

    def __str__(self) -> str:
        return f"{self.decile}: {self.weight}"
