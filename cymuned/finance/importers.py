"""`cymuned import budgets|spend|practice-lsoa|wimd PATH`."""

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

from .allocation import decile_from_rank
from .models import Budget, Lsoa, PracticeLsoa, SpendLine


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


@dataclass(frozen=True)
class LsoaRow:
    code: str
    name: str
    local_authority: str
    rank: int


class WimdImporter(Importer):
    """The published WIMD 2019 layout; headers are matched ignoring case and spacing."""

    kind = "wimd"
    national = True
    label = gettext_lazy("Welsh Index of Multiple Deprivation (LSOA ranks)")
    required = ("lsoa_code", "lsoa_name_eng", "local_authority_name_eng", "wimd_2019_overall_rank")
    optional = ("wimd_2019_overall_decile", "wimd_2019_overall_quintile")
    aliases = {
        "lsoa_code": ["lsoa11cd", "lsoa"],
        "lsoa_name_eng": ["lsoa_name", "lsoa11nm", "lsoa_name_english"],
        "local_authority_name_eng": ["local_authority_name", "local_authority", "la_name"],
        "wimd_2019_overall_rank": ["wimd_2019_rank", "overall_rank", "wimd_rank"],
        "wimd_2019_overall_decile": ["wimd_2019_decile", "overall_decile", "decile"],
        "wimd_2019_overall_quintile": ["wimd_2019_quintile", "overall_quintile", "quintile"],
    }
    example = (
        {
            "lsoa_code": "W01000001",
            "lsoa_name_eng": "Example 1A",
            "local_authority_name_eng": "Carmarthenshire",
            "wimd_2019_overall_rank": 1200,
        },
    )

    def parse_row(self, reader):
        code = (reader.text("lsoa_code", max_length=12) or "").upper()
        rank = reader.integer("wimd_2019_overall_rank", minimum=1, maximum=100_000)
        decile = reader.integer("wimd_2019_overall_decile", required=False, minimum=1, maximum=10)
        row = LsoaRow(
            code,
            reader.text("lsoa_name_eng") or "",
            reader.text("local_authority_name_eng") or "",
            rank or 0,
        )
        # a published decile is kept as given; without one it is worked out from the rank
        return (row, decile) if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[str, int] = {}
        for line, (row, _decile) in parsed:
            if row.code in seen:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("%(code)s already appears on line %(other)s") % {"code": row.code, "other": seen[row.code]},
                    )
                )
            seen.setdefault(row.code, line)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        total = max(len(parsed), max(row.rank for _, (row, _d) in parsed))
        existing = {lsoa.code: lsoa for lsoa in Lsoa.objects.all()}
        new, changed = [], []
        for _line, (row, decile) in parsed:
            decile = decile or decile_from_rank(row.rank, total)
            values = {
                "name": row.name,
                "local_authority": row.local_authority,
                "wimd_rank": row.rank,
                "decile": decile,
                "synthetic": row.name.lower().startswith("synthetic"),
            }
            current = existing.get(row.code)
            if current is None:
                new.append(Lsoa(code=row.code, **values))
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                changed.append(current)
            else:
                outcome.unchanged += 1
        # national data: every change is recorded in history, with who made it
        bulk_create_with_history(new, Lsoa, batch_size=2000, default_user=self.user)
        bulk_update_with_history(
            changed,
            Lsoa,
            ["name", "local_authority", "wimd_rank", "decile", "synthetic"],
            batch_size=2000,
            default_user=self.user,
        )
        outcome.created, outcome.updated = len(new), len(changed)
        return outcome


@dataclass(frozen=True)
class PracticeLsoaRow:
    practice_code: str
    lsoa_code: str
    patients: int


class PracticeLsoaImporter(Importer):
    kind = "practice-lsoa"
    national = True
    label = gettext_lazy("Practice patients by LSOA")
    required = ("practice_code", "lsoa_code", "patients")
    example = ({"practice_code": "W90001", "lsoa_code": "W01000001", "patients": 412},)

    def parse_row(self, reader):
        row = PracticeLsoaRow(
            (reader.text("practice_code", max_length=10) or "").upper(),
            (reader.text("lsoa_code", max_length=12) or "").upper(),
            reader.integer("patients", minimum=0, maximum=200_000) or 0,
        )
        return row if reader.ok else None

    def check_all(self, parsed, problems):
        seen: dict[tuple, int] = {}
        for line, row in parsed:
            key = (row.practice_code, row.lsoa_code)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("%(practice)s %(lsoa)s already appears on line %(other)s")
                        % {
                            "practice": row.practice_code,
                            "lsoa": row.lsoa_code,
                            "other": seen[key],
                        },
                    )
                )
            seen.setdefault(key, line)
        self._practices = {
            u.code: u for u in OrgUnit.objects.filter(kind=Kind.PRACTICE, code__in={r.practice_code for _, r in parsed})
        }
        known = set(Lsoa.objects.filter(code__in={r.lsoa_code for _, r in parsed}).values_list("code", flat=True))
        for line, row in parsed:
            if row.practice_code not in self._practices:
                problems.append(
                    Problem(
                        line,
                        "practice_code",
                        _("“%(code)s” is not a known practice") % {"code": row.practice_code},
                    )
                )
            if row.lsoa_code not in known:
                problems.append(
                    Problem(
                        line,
                        "lsoa_code",
                        _("“%(code)s” is not in the WIMD data; import it first") % {"code": row.lsoa_code},
                    )
                )

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        existing = {
            (p.practice_id, p.lsoa_code): p for p in PracticeLsoa.objects.filter(practice__in=self._practices.values())
        }
        new, changed = [], []
        for _line, row in parsed:
            practice = self._practices[row.practice_code]
            current = existing.get((practice.pk, row.lsoa_code))
            if current is None:
                new.append(PracticeLsoa(practice=practice, lsoa_code=row.lsoa_code, patients=row.patients))
            elif current.patients != row.patients:
                current.patients = row.patients
                changed.append(current)
            else:
                outcome.unchanged += 1
        bulk_create_with_history(new, PracticeLsoa, batch_size=2000, default_user=self.user)
        bulk_update_with_history(changed, PracticeLsoa, ["patients"], batch_size=2000, default_user=self.user)
        outcome.created, outcome.updated = len(new), len(changed)
        return outcome
