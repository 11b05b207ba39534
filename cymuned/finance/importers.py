"""`cymuned import budgets|spend PATH`."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cymuned.accounts.access import Need, seen_projects, seen_units
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import Problem, RowReader
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.portfolio.models import Project

from .models import Budget, SpendLine


def read_year(reader: RowReader) -> str:
    text = reader.text("financial_year", max_length=10) or ""
    if text:
        try:
            return str(FinancialYear.parse(text))
        except ValueError:
            reader.fault(
                "financial_year",
                _("“%(value)s” is not a financial year like 2025-26") % {"value": text},
            )
    return text


class _ClusterRows(Importer):
    """Rows that name a cluster by code."""

    def check_clusters(self, parsed, problems):
        codes = {row.cluster for _, row in parsed}
        # a cluster the person may not see reads exactly like an unknown code
        self._clusters = {
            u.code: u for u in seen_units(self.user, OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=codes))
        }
        for line, row in parsed:
            if row.cluster not in self._clusters:
                problems.append(
                    Problem(
                        line,
                        "cluster",
                        _("“%(code)s” is not a known cluster code") % {"code": row.cluster},
                    )
                )

    def claims(self, parsed):
        # a budget or spend line belongs to its cluster, which a row cannot change
        for line, row in parsed:
            cluster = (self._clusters[row.cluster],)
            yield Claim(line, cluster, cluster)


@dataclass(frozen=True)
class BudgetRow:
    cluster: str
    financial_year: str
    budget_gbp: Decimal


class BudgetImporter(_ClusterRows):
    kind = "budgets"
    label = gettext_lazy("Cluster budgets")
    required = ("cluster", "financial_year", "budget_gbp")
    example = ({"cluster": "AG", "financial_year": "2025-26", "budget_gbp": "£435,999.00"},)

    def parse_row(self, reader):
        row = BudgetRow(
            (reader.text("cluster", max_length=32) or "").upper(),
            read_year(reader),
            reader.money("budget_gbp"),
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            key = (row.cluster, row.financial_year)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "cluster",
                        _("%(cluster)s %(year)s already appears on line %(other)s")
                        % {"cluster": row.cluster, "year": row.financial_year, "other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
        self.check_clusters(parsed, problems)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        existing = {
            (b.cluster_id, b.financial_year): b for b in Budget.objects.filter(cluster__in=self._clusters.values())
        }
        new, changed = [], []
        for _line, row in parsed:
            cluster = self._clusters[row.cluster]
            budget = existing.get((cluster.pk, row.financial_year))
            if budget is None:
                new.append(
                    Budget(
                        cluster=cluster,
                        financial_year=row.financial_year,
                        budget_gbp=row.budget_gbp,
                    )
                )
            elif budget.budget_gbp != row.budget_gbp:
                budget.budget_gbp, budget.version = row.budget_gbp, budget.version + 1
                changed.append(budget)
            else:
                outcome.unchanged += 1
        outcome.created = len(bulk_create_with_history(new, Budget, default_user=self.user))
        if changed:
            bulk_update_with_history(changed, Budget, ["budget_gbp", "version"], default_user=self.user)
        outcome.updated = len(changed)
        return outcome


@dataclass(frozen=True)
class SpendRow:
    cluster: str
    financial_year: str
    month: int
    project_code: str
    amount_gbp: Decimal


class SpendImporter(_ClusterRows):
    kind = "spend"
    label = gettext_lazy("Monthly spend")
    required = ("cluster", "financial_year", "month", "project_code", "amount_gbp")
    example = (
        {
            "cluster": "AG",
            "financial_year": "2025-26",
            "month": 1,
            "project_code": "AG-PAIN",
            "amount_gbp": "3,750.00",
        },
        {
            "cluster": "AG",
            "financial_year": "2025-26",
            "month": 1,
            "project_code": "",
            "amount_gbp": "1,200.00",
        },
    )

    def parse_row(self, reader):
        row = SpendRow(
            (reader.text("cluster", max_length=32) or "").upper(),
            read_year(reader),
            reader.integer("month", minimum=1, maximum=12) or 0,
            (reader.text("project_code", required=False, max_length=40) or "").upper(),
            reader.money("amount_gbp", allow_negative=True),
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            key = (row.cluster, row.financial_year, row.month, row.project_code)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "month",
                        _("the same cluster, year, month and project already appear on line %(other)s")
                        % {"other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
        self.check_clusters(parsed, problems)
        codes = {row.project_code for _, row in parsed if row.project_code}
        self._projects = {
            p.code: p
            for p in seen_projects(self.user, Project.objects.filter(code__in=codes)).prefetch_related("clusters")
        }
        for line, row in parsed:
            if row.project_code and row.project_code not in self._projects:
                problems.append(
                    Problem(
                        line,
                        "project_code",
                        _("“%(code)s” is not a known project code") % {"code": row.project_code},
                    )
                )

    def claims(self, parsed):
        """Spend is the cluster's; booking it against a project also reports on that project."""
        yield from super().claims(parsed)
        for line, row in parsed:
            if row.project_code:
                yield Claim(line, tuple(self._projects[row.project_code].clusters.all()), need=Need.REPORT)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        years = {row.financial_year for _, row in parsed}
        existing = {
            (s.cluster_id, s.financial_year, s.month, s.project_id): s
            for s in SpendLine.objects.filter(cluster__in=self._clusters.values(), financial_year__in=years)
        }
        new, changed = [], []
        for _line, row in parsed:
            cluster = self._clusters[row.cluster]
            project = self._projects.get(row.project_code)
            key = (cluster.pk, row.financial_year, row.month, project.pk if project else None)
            line = existing.get(key)
            if line is None:
                new.append(
                    SpendLine(
                        cluster=cluster,
                        financial_year=row.financial_year,
                        month=row.month,
                        project=project,
                        amount_gbp=row.amount_gbp,
                    )
                )
            elif line.amount_gbp != row.amount_gbp:
                line.amount_gbp = row.amount_gbp
                changed.append(line)
            else:
                outcome.unchanged += 1
        outcome.created = len(bulk_create_with_history(new, SpendLine, default_user=self.user))
        if changed:
            bulk_update_with_history(changed, SpendLine, ["amount_gbp"], default_user=self.user)
        outcome.updated = len(changed)
        return outcome
