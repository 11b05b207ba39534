"""`cymuned import budgets|spend PATH`."""

from django.utils.translation import gettext_lazy

from cymuned.accounts.access import Need
from cymuned.imports.base import Claim, Importer
from cymuned.imports.fields import YES_NO, Choice, Code, Column, Integer, Money, Parsed
from cymuned.imports.references import clusters
from cymuned.imports.upsert import Upsert
from cymuned.periods import FinancialYear
from cymuned.portfolio.importers import projects

from .models import Budget, SpendLine

YEAR = Parsed(FinancialYear.parse, gettext_lazy("“%(value)s” is not a financial year like 2025-26"), max_length=10)


class _ClusterRows(Importer):
    """Rows that name a cluster by code: a budget or spend line belongs to its cluster, which a row
    cannot change."""

    def claims(self, parsed):
        for line, row in parsed:
            cluster = (self.resolved("cluster", row),)
            yield Claim(line, cluster, cluster)


class BudgetImporter(_ClusterRows):
    kind = "budgets"
    label = gettext_lazy("Cluster budgets")
    columns = (
        Column("cluster", Code(max_length=32)),
        Column("financial_year", YEAR),
        Column("budget_gbp", Money()),
    )
    key = ("cluster", "financial_year")
    references = (clusters(),)
    upsert = Upsert(Budget, key=("cluster", "financial_year"), fields=("budget_gbp",), version=True)
    example = ({"cluster": "AG", "financial_year": "2025-26", "budget_gbp": "£435,999.00"},)

    def values(self, row):
        return {
            "cluster": self.resolved("cluster", row),
            "financial_year": row.financial_year,
            "budget_gbp": row.budget_gbp,
        }


class SpendImporter(_ClusterRows):
    kind = "spend"
    label = gettext_lazy("Monthly spend")
    columns = (
        Column("cluster", Code(max_length=32)),
        Column("financial_year", YEAR),
        Column("month", Integer(minimum=1, maximum=12)),
        Column("project_code", Code(max_length=40), blank=True),  # blank: spend not known by project
        Column("amount_gbp", Money(allow_negative=True)),
        Column("synthetic", Choice(YES_NO, blank=False), required=False),  # made-up figures, labelled so
    )
    key = ("cluster", "financial_year", "month", "project_code")
    key_column = "month"
    references = (clusters(), projects())
    upsert = Upsert(
        SpendLine, key=("cluster", "financial_year", "month", "project"), fields=("amount_gbp", "synthetic")
    )
    example = (
        {
            "cluster": "AG",
            "financial_year": "2025-26",
            "month": 1,
            "project_code": "AG-PAIN",
            "amount_gbp": "3,750.00",
            "synthetic": "no",
        },
        {
            "cluster": "AG",
            "financial_year": "2025-26",
            "month": 1,
            "project_code": "",
            "amount_gbp": "1,200.00",
            "synthetic": "no",
        },
    )

    def claims(self, parsed):
        """Spend is the cluster's; booking it against a project also reports on that project."""
        yield from super().claims(parsed)
        for line, row in parsed:
            if row.project_code:
                project = self.resolved("project_code", row)
                yield Claim(line, tuple(project.clusters.all()), need=Need.REPORT)

    def values(self, row):
        return {
            "cluster": self.resolved("cluster", row),
            "financial_year": row.financial_year,
            "month": row.month,
            "project": self.resolved("project_code", row),
            "amount_gbp": row.amount_gbp,
            "synthetic": bool(row.synthetic),
        }
