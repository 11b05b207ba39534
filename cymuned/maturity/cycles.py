"""A unit's cycle as the pages and `cymuned maturity` show it: each domain's spread, consensus,
guardrail and the consensus of the cycle before. Gathers from the database and calls the rules
(`spread.py`, `guardrails.py`); a fixed number of queries whatever the number of domains."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear

from .guardrails import below_minimum, judged_stage, minimum_expected, programme_year
from .models import Assessment, Consensus, Descriptor, Domain, MinimumExpectation, Rating
from .spread import Spread, disagreement, spread


@dataclass
class DomainRow:
    domain: Domain
    ratings: list[Rating]
    spread: Spread
    consensus: Consensus | None
    minimum_expected: int | None
    below_minimum: bool
    disagreement: bool
    previous_consensus: int | None
    descriptor: Descriptor | None = None  # the agreed stage's descriptor, filled in by the page

    @property
    def consensus_stage(self) -> int | None:
        return self.consensus.stage if self.consensus else None

    def as_json(self) -> dict:
        return {
            "code": self.domain.code,
            "ratings": self.spread.as_dict(),
            "consensus": self.consensus_stage,
            "minimum_expected": self.minimum_expected,
            "below_minimum": self.below_minimum,
            "disagreement": self.disagreement,
            "previous_consensus": self.previous_consensus,
        }


def previous_cycle(cycle: FinancialYear) -> FinancialYear:
    return FinancialYear(cycle.start_year - 1)


def consensus_by_cycle(units: Iterable[OrgUnit], cycles: Iterable[str]) -> dict[tuple[int, str, int], int]:
    """(unit id, cycle, domain id) → agreed stage, in one query."""
    rows = Consensus.objects.filter(assessment__unit__in=list(units), assessment__cycle__in=list(cycles))
    return {
        (unit, cycle, domain): stage
        for unit, cycle, domain, stage in rows.values_list(
            "assessment__unit_id", "assessment__cycle", "domain_id", "stage"
        )
    }


def unit_cycle(unit: OrgUnit, cycle: FinancialYear) -> list[DomainRow]:
    """Every domain of every framework the unit was assessed against in the cycle."""
    assessments = list(Assessment.objects.filter(unit=unit, cycle=str(cycle)).select_related("framework"))
    if not assessments:
        return []
    domains = list(
        Domain.objects.filter(framework__in=[a.framework_id for a in assessments])
        .select_related("framework")
        .order_by("framework__code", "order")
    )
    ratings: dict[int, list[Rating]] = defaultdict(list)
    for rating in Rating.objects.filter(assessment__in=assessments).order_by("rater"):
        ratings[rating.domain_id].append(rating)
    agreed = {c.domain_id: c for c in Consensus.objects.filter(assessment__in=assessments)}
    minimums: dict[int, dict[int, int]] = defaultdict(dict)
    for m in MinimumExpectation.objects.filter(domain__in=domains):
        minimums[m.domain_id][m.programme_year] = m.stage
    before = str(previous_cycle(cycle))
    # by framework and domain code: the cycle before may have been rated against an earlier version
    previous = {
        (framework, code): stage
        for framework, code, stage in Consensus.objects.filter(
            assessment__unit=unit, assessment__cycle=before
        ).values_list("domain__framework__code", "domain__code", "stage")
    }
    first = {a.framework_id: FinancialYear.parse(a.framework.first_cycle).start_year for a in assessments}
    rows = []
    for domain in domains:
        stages = [r.stage for r in ratings[domain.pk]]
        summary = spread(stages)
        consensus = agreed.get(domain.pk)
        year = programme_year(first[domain.framework_id], cycle.start_year)
        minimum = minimum_expected(minimums[domain.pk], year)
        stage = judged_stage(consensus.stage if consensus else None, summary.median)
        rows.append(
            DomainRow(
                domain=domain,
                ratings=ratings[domain.pk],
                spread=summary,
                consensus=consensus,
                minimum_expected=minimum,
                below_minimum=below_minimum(stage, minimum),
                disagreement=disagreement(stages),
                previous_consensus=previous.get((domain.framework.code, domain.code)),
            )
        )
    return rows


def as_json(unit: OrgUnit, cycle: FinancialYear, rows: list[DomainRow]) -> dict:
    """The contract of `cymuned maturity --format json`."""
    return {"unit": unit.code, "cycle": str(cycle), "domains": [row.as_json() for row in rows]}
