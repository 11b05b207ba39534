"""Gathering a round from the database for the rules, and the release candidates of its board."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from cymuned.periods import FinancialYear, Quarter, local_date
from cymuned.portfolio.models import MonitoringReturn, Project

from . import ranking, release
from .models import Consensus, Criterion, Proposal, Round, Score


@dataclass
class RoundData:
    round: Round
    criteria: list[Criterion]
    proposals: list[Proposal]
    result: ranking.Ranking
    release: list[release.Candidate]


def rule_criteria(criteria: list[Criterion]) -> list[ranking.Criterion]:
    return [ranking.Criterion(c.code, c.kind, c.weight) for c in criteria]  # type: ignore[arg-type]


def rule_proposals(proposals: list[Proposal], criteria: list[Criterion]) -> list[ranking.Proposal]:
    """Submitted assessors' values and the consensus, by proposal and criterion code (two queries)."""
    codes = {c.pk: c.code for c in criteria}
    kinds = {c.pk: c.kind for c in criteria}
    ids = [p.pk for p in proposals]
    values: dict[int, dict[str, list[bool | int]]] = defaultdict(lambda: defaultdict(list))
    for proposal_id, criterion_id, value in Score.objects.filter(
        assignment__proposal_id__in=ids, assignment__submitted_at__isnull=False, criterion_id__in=codes
    ).values_list("assignment__proposal_id", "criterion_id", "value"):
        values[proposal_id][codes[criterion_id]].append(bool(value) if kinds[criterion_id] == "hurdle" else value)
    agreed: dict[int, dict[str, bool | int]] = defaultdict(dict)
    for proposal_id, criterion_id, value in Consensus.objects.filter(
        proposal_id__in=ids, criterion_id__in=codes
    ).values_list("proposal_id", "criterion_id", "value"):
        agreed[proposal_id][codes[criterion_id]] = bool(value) if kinds[criterion_id] == "hurdle" else value
    return [ranking.Proposal(p.code, p.first_year_cost(), dict(values[p.pk]), agreed[p.pk]) for p in proposals]


def release_candidates(round_: Round) -> list[release.Candidate]:
    """The board's projects in trouble for their last two returns, or ending by the round's year end."""
    year_end = FinancialYear.parse(round_.year).end
    current = str(Quarter.containing(local_date()))
    projects = list(
        Project.objects.filter(clusters__in=_board_clusters(round_))
        .distinct()
        .only("code", "annual_budget_gbp", "state", "end_date")
    )
    returns: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for project_id, status, trend in (
        MonitoringReturn.objects.filter(project__in=projects, period__lte=current)
        .order_by("project_id", "period")
        .values_list("project_id", "status", "trend")
    ):
        returns[project_id].append((status, trend))
    return release.release_candidates(
        [release.Standing(p.code, p.annual_budget_gbp, p.state, p.end_date, returns[p.pk]) for p in projects],
        year_end,
    )


def _board_clusters(round_: Round) -> QuerySet:
    from cymuned.orgs.hierarchy import descendant_ids
    from cymuned.orgs.models import Kind, OrgUnit

    ids = descendant_ids([round_.health_board_id], local_date())
    return OrgUnit.objects.filter(pk__in=ids, kind=Kind.CLUSTER)


def gather(
    round_: Round,
    proposals: QuerySet | None = None,
    budget: Decimal | None = None,
    sensitivity: Decimal | None = None,
) -> RoundData:
    criteria = list(round_.criteria.all())
    chosen = Proposal.objects.filter(round=round_) if proposals is None else proposals.filter(round=round_)
    found = list(chosen.exclude(state="draft").prefetch_related("costs").order_by("code"))
    result = ranking.rank(
        rule_criteria(criteria),
        rule_proposals(found, criteria),
        round_.budget_gbp if budget is None else budget,
        round_.sensitivity_pct if sensitivity is None else sensitivity,
    )
    return RoundData(round_, criteria, found, result, release_candidates(round_))


def as_json(data: RoundData) -> dict:
    """The contract of `cymuned proposals rank --format json`."""
    result = data.result
    return {
        "round": data.round.year,
        "budget_gbp": None if result.budget is None else str(result.budget),
        "criteria": [
            {"code": c.code, "kind": c.kind, "weight": None if c.weight is None else str(c.weight)}
            for c in data.criteria
        ],
        "proposals": [
            {
                "code": r.code,
                "passes_hurdles": r.passes_hurdles,
                "failed_hurdles": list(r.failed_hurdles),
                "score": str(r.score),
                "rank": r.rank,
                "rank_best": r.rank_best,
                "rank_worst": r.rank_worst,
                "sensitive": r.sensitive,
                "first_year_cost_gbp": str(r.first_year_cost),
                "score_per_1000_gbp": None if r.score_per_1000 is None else str(r.score_per_1000),
                "funded": r.funded,
            }
            for r in result.proposals
        ],
        "funded_total_gbp": str(result.funded_total),
        "remaining_gbp": None if result.remaining is None else str(result.remaining),
        "release_candidates": [
            {"code": c.code, "annual_budget_gbp": str(c.annual_budget), "why": c.why} for c in data.release
        ],
    }
