"""The funding round's ranking as JSON: the object of `cymuned proposals rank --format json`, for those
who may see the round's ranking page."""

from decimal import Decimal, InvalidOperation

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from cymuned.accounts.access import may_see_ranking
from cymuned.api_responses import documented
from cymuned.money import parse_money
from cymuned.periods import FinancialYear

from .data import as_json, gather
from .models import Round

router = Router(tags=["proposals"])


class RankingQuery(Schema):
    budget: str | None = Field(None, description="the first year's budget in pounds (default: the round's)")
    sensitivity: str | None = Field(None, description="weight sensitivity in % (default: the round's)")


class CriterionOut(Schema):
    code: str
    kind: str
    weight: str | None


class RankedOut(Schema):
    code: str
    passes_hurdles: bool
    failed_hurdles: list[str]
    score: str
    rank: int
    rank_best: int
    rank_worst: int
    sensitive: bool
    first_year_cost_gbp: str
    score_per_1000_gbp: str | None
    funded: bool


class ReleaseOut(Schema):
    code: str
    annual_budget_gbp: str
    why: str


class RankingOut(Schema):
    round: str
    budget_gbp: str | None
    criteria: list[CriterionOut]
    proposals: list[RankedOut]
    funded_total_gbp: str
    remaining_gbp: str | None
    release_candidates: list[ReleaseOut]


@router.get(
    "/proposals/rounds/{health_board}/{year}/ranking", response=documented(RankingOut), summary="A round's ranking"
)
def ranking(request, health_board: str, year: str, query: Query[RankingQuery]):
    """Ranking, weight sensitivity and the budget rule of a funding round, as `cymuned proposals rank
    --format json` gives them; the round of a health board (its code, e.g. 7A2) for a financial year; a round you may not see answers as an
    unknown one (404)."""
    try:
        financial_year = FinancialYear.parse(year)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    round_ = (
        Round.objects.filter(year=str(financial_year), health_board__code=health_board.strip().upper())
        .select_related("health_board")
        .first()
    )
    if round_ is None or not may_see_ranking(request.user, round_):
        raise Http404
    budget = round_.budget_gbp
    if query.budget:
        try:
            budget = parse_money(query.budget)
        except ValueError:
            budget = None
        if budget is None or budget < 0:
            raise HttpError(422, "budget: an amount of money like 150000 or £150,000")
    sensitivity = round_.sensitivity_pct
    if query.sensitivity:
        try:
            sensitivity = Decimal(query.sensitivity.strip().rstrip("%"))
        except InvalidOperation:
            raise HttpError(422, "sensitivity: a percentage from 0 to 100") from None
        if not sensitivity.is_finite() or not 0 <= sensitivity <= 100:
            raise HttpError(422, "sensitivity: a percentage from 0 to 100")
    return as_json(gather(round_, budget=budget, sensitivity=sensitivity))
