"""Cluster budgets and monthly spend (the deprivation data allocation weighs patients by is in
`cymuned.geography`)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cymuned import periods
from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit
from cymuned.portfolio.models import Project

YEAR_VALIDATOR = RegexValidator(r"^\d{4}-\d{2}$", _("Write a financial year like 2025-26."))


class Budget(models.Model):
    cluster = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="budgets")
    financial_year = models.CharField(_("financial year"), max_length=7, validators=[YEAR_VALIDATOR])
    budget_gbp = models.DecimalField(_("budget (£)"), max_digits=14, decimal_places=2)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = Recorded()

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
    # Made up (the demonstration's spend): every page and paper showing a figure made from it says so.
    synthetic = models.BooleanField(_("synthetic"), default=False, db_default=False)
    history = Recorded()

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
        # In words (issue 13): "Spend of SP, November 2024 (2024-25): £1,200.00", not "SP 2024-25 M8 36".
        language = get_language() or "en"
        try:
            first = periods.FinancialYear.parse(self.financial_year).month_start(self.month)
            when = f"{periods.month_name(first.month, language)} {first.year} ({self.financial_year})"
        except ValueError:
            when = f"{self.financial_year} {self.month}"
        project = _("on a project") if self.project_id else _("on no named project")
        return _("Spend of %(cluster)s, %(when)s, %(project)s: £%(amount)s") % {
            "cluster": self.cluster.code,
            "when": when,
            "project": project,
            "amount": f"{self.amount_gbp:,.2f}",
        }
