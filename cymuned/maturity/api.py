"""A unit's maturity cycle as JSON: the object of `cymuned maturity --format json`, for those who may
see the unit's assessment."""

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from cymuned.accounts.access import may_see_assessment
from cymuned.api_responses import documented
from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear

from .cycles import as_json, unit_cycle

router = Router(tags=["maturity"])


class Spread(Schema):
    n: int
    min: int | None
    median: float | None
    max: int | None


class DomainOut(Schema):
    code: str
    ratings: Spread
    consensus: int | None
    minimum_expected: int | None
    below_minimum: bool
    disagreement: bool
    previous_consensus: int | None


class CycleOut(Schema):
    unit: str
    cycle: str
    domains: list[DomainOut]


@router.get("/maturity/{unit}/{cycle}", response=documented(CycleOut), summary="A unit's maturity cycle")
def cycle(request, unit: str, cycle: str):
    """Each domain's ratings (n, lowest, median, highest), agreed stage, minimum expected and flags; a
    unit you may not see, or one not assessed in the cycle, answers 404."""
    try:
        year = FinancialYear.parse(cycle)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    found = OrgUnit.objects.filter(code=unit.strip().upper()).first()
    if found is None or not may_see_assessment(request.user, found):
        raise Http404
    rows = unit_cycle(found, year)
    if not rows:
        raise Http404
    return as_json(found, year, rows)
