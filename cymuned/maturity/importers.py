"""`cymuned import maturity PATH`: raters' stages per domain, and the group's consensus.

Columns `unit, cycle, domain, rater, stage, evidence`, optional `consensus` (yes on the row the group
agreed: its stage is the consensus stage, its evidence the reason, its rater who recorded it) and
`synthetic` (yes for made-up demonstration rows). The domain is a code of a framework in force in the
cycle (the latest version of each framework effective by the cycle's end).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import seen_units
from cymuned.imports.base import Claim, Importer, Outcome, Reference, by_code
from cymuned.imports.fields import YES_NO, Choice, Code, Column, Integer, Parsed, Problem, Text
from cymuned.imports.upsert import CREATED, UNCHANGED, UPDATED, Upsert, plan, save, stored, upsert
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .models import Assessment, Consensus, Domain, Framework, Rating

UNIT_KINDS = (Kind.CLUSTER, Kind.NEIGHBOURHOOD)
CYCLE = Parsed(FinancialYear.parse, gettext_lazy("“%(value)s” is not a cycle like 2026-27"), max_length=10)


def frameworks_in_force(cycle: FinancialYear) -> list[Framework]:
    """The latest version of each framework effective by the end of the cycle."""
    latest: dict[str, Framework] = {}
    for framework in Framework.objects.filter(effective_from__lte=cycle.end).order_by("code", "-version"):
        latest.setdefault(framework.code, framework)
    return list(latest.values())


class MaturityImporter(Importer):
    kind = "maturity"
    label = gettext_lazy("Maturity ratings")
    columns = (
        Column("unit", Code(max_length=32)),
        Column("cycle", CYCLE),
        Column("domain", Text(max_length=64, single_line=True)),
        Column("rater", Text(max_length=100, single_line=True)),
        Column("stage", Integer(minimum=1, maximum=9)),
        Column("evidence", Text(max_length=4000), required=False),
        Column("consensus", Choice(YES_NO), required=False),
        Column("synthetic", Choice(YES_NO), required=False),
    )
    # one rating per rater, and one consensus, per unit, cycle and domain
    key = ("unit", "cycle", "domain", "who")
    key_column = "rater"
    references = (
        Reference(
            "unit",
            by_code(lambda: OrgUnit.objects.filter(kind__in=UNIT_KINDS), seen_units),
            gettext_lazy("“%(code)s” is not a known cluster or neighbourhood code"),
        ),
    )
    example = (
        {
            "unit": "AG",
            "cycle": "2026-27",
            "domain": "leadership",
            "rater": "Rater A",
            "stage": 2,
            "evidence": "Role descriptors agreed in June",
            "consensus": "",
        },
        {
            "unit": "AG",
            "cycle": "2026-27",
            "domain": "leadership",
            "rater": "Workshop",
            "stage": 2,
            "evidence": "Agreed: descriptors in place, time not yet protected",
            "consensus": "yes",
        },
    )

    def rules(self, row, reader) -> None:
        row.consensus = bool(row.consensus)
        row.synthetic = bool(row.synthetic)
        row.evidence = row.evidence or ""
        row.who = "\x00consensus" if row.consensus else row.rater  # the consensus is not a rater

    def check(self, parsed, problems):
        self._domains: dict[tuple[str, str], Domain | None] = {}
        stages: dict[int, set[int]] = {}
        for cycle in {row.cycle for _line, row in parsed}:
            frameworks = frameworks_in_force(FinancialYear.parse(cycle))
            for framework in frameworks:
                stages[framework.pk] = set(framework.stages.values_list("number", flat=True))
            found: dict[str, list[Domain]] = {}
            for domain in Domain.objects.filter(framework__in=frameworks).select_related("framework"):
                found.setdefault(domain.code, []).append(domain)
            for code, domains in found.items():
                self._domains[(cycle, code)] = domains[0] if len(domains) == 1 else None
        for line, row in parsed:
            key = (row.cycle, row.domain)
            if key not in self._domains:
                message = _("“%(code)s” is not a domain of a framework in force in %(cycle)s")
                problems.append(Problem(line, "domain", message % {"code": row.domain, "cycle": row.cycle}))
                continue
            domain = self._domains[key]
            if domain is None:
                message = _("“%(code)s” is a domain of more than one framework")
                problems.append(Problem(line, "domain", message % {"code": row.domain}))
            elif row.stage not in stages[domain.framework_id]:
                allowed = ", ".join(map(str, sorted(stages[domain.framework_id])))
                message = _("%(stage)s is not a stage of this framework (%(stages)s)")
                problems.append(Problem(line, "stage", message % {"stage": row.stage, "stages": allowed}))

    def claims(self, parsed):
        for line, row in parsed:
            unit = (self.resolved("unit", row),)
            yield Claim(line, unit, unit)

    def write(self, parsed) -> Outcome:
        """Each unit's assessment of a framework in the cycle (synthetic once any of its rows is),
        then the raters' ratings and the agreed stages, each by its key, in bulk."""
        rows = [row for _line, row in parsed]
        domains: list[Domain] = []
        for row in rows:
            domain = self._domains[(row.cycle, row.domain)]
            assert domain is not None  # check() refused the rest
            domains.append(domain)
        synthetic: dict[tuple, bool] = {}
        for row, domain in zip(rows, domains, strict=True):
            key = (self.resolved("unit", row), row.cycle, domain.framework)
            synthetic[key] = synthetic.get(key, False) or row.synthetic
        wanted = [{"unit": u, "cycle": c, "framework": f, "synthetic": s} for (u, c, f), s in synthetic.items()]
        found = stored(ASSESSMENTS, wanted)
        for values in wanted:  # a demonstration assessment stays one
            record = found.get((values["unit"].pk, values["cycle"], values["framework"].pk))
            values["synthetic"] = values["synthetic"] or bool(getattr(record, "synthetic", False))
        save(ASSESSMENTS, plan(ASSESSMENTS, wanted, found), self.user)
        assessments = {
            (a.unit_id, a.cycle, a.framework_id): a
            for a in Assessment.objects.filter(
                unit__in={u for u, _c, _f in synthetic}, cycle__in={c for _u, c, _f in synthetic}
            )
        }
        ratings: list[dict] = []
        agreed: list[dict] = []
        for row, domain in zip(rows, domains, strict=True):
            assessment = assessments[(self.resolved("unit", row).pk, row.cycle, domain.framework_id)]
            if row.consensus:
                agreed.append(
                    {
                        "assessment": assessment,
                        "domain": domain,
                        "stage": row.stage,
                        "reason": row.evidence,
                        "recorded_by": row.rater,
                        "user": self.user,
                    }
                )
            else:
                ratings.append(
                    {
                        "assessment": assessment,
                        "domain": domain,
                        "rater": row.rater,
                        "stage": row.stage,
                        "evidence": row.evidence,
                    }
                )
        statuses = [*upsert(RATINGS, ratings, self.user).statuses, *upsert(CONSENSUS, agreed, self.user).statuses]
        return Outcome(
            created=statuses.count(CREATED), updated=statuses.count(UPDATED), unchanged=statuses.count(UNCHANGED)
        )


ASSESSMENTS = Upsert(Assessment, key=("unit", "cycle", "framework"), fields=("synthetic",))
RATINGS = Upsert(Rating, key=("assessment", "domain", "rater"), fields=("stage", "evidence"))
# who recorded the agreement is written with each change (not compared: another person importing the
# same file changes nothing); recorded_at is the time of the change
CONSENSUS = Upsert(
    Consensus,
    key=("assessment", "domain"),
    fields=("stage", "reason", "recorded_by"),
    also_write=("user",),
    stamp="recorded_at",
)
