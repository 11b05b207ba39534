"""A unit's risk register as JSON: the object of `cymuned risks --format json`, limited to the risks
the caller may see."""

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema

from cymuned.accounts.access import seen_units
from cymuned.api_responses import documented
from cymuned.orgs.models import OrgUnit
from cymuned.periods import local_date

from .register import as_of, summary

router = Router(tags=["risks"])


class RegisterQuery(Schema):
    on: date | None = None


class RiskOut(Schema):
    reference: str
    title: str
    score: int
    band: str
    target_score: int
    review_date: date | None
    overdue: bool


class RegisterOut(Schema):
    unit: str
    risks: list[RiskOut]
    heat_map: dict[str, int]
    overdue: int


@router.get("/risks/units/{unit}", response=documented(RegisterOut), summary="A unit's risk register")
def register(request, unit: str, query: Query[RegisterQuery]):
    """The open risks of the unit and every unit beneath it that you may see (on an earlier day, as the
    register stood at its end), the heat map of current scores ("<likelihood>x<consequence>": count)
    and how many reviews are overdue; a unit you may not see answers 404."""
    found = seen_units(request.user, OrgUnit.objects.filter(code=unit.strip().upper())).first()
    if found is None:
        raise Http404
    on = query.on or local_date()
    return summary(found, as_of(found, on, user=request.user), on)
