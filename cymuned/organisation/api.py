from datetime import date

from django.http import Http404
from ninja import Router, Schema

from cymuned.accounts.access import may_see_unit, seen_units
from cymuned.accounts.rules import visible_unit_ids
from cymuned.api_responses import documented
from cymuned.orgs.hierarchy import children_of, parent_of
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import local_date

router = Router(tags=["organisation"])


class UnitOut(Schema):
    code: str
    kind: str
    name_en: str
    name_cy: str
    synthetic: bool


class UnitDetail(UnitOut):
    parents: list[UnitOut]
    children: list[UnitOut]


@router.get("/health-boards", response=documented(list[UnitOut]), summary="Health boards the user may see")
def health_boards(request, on: date | None = None):
    on = on or local_date()
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).existing_on(on).order_by("code")
    visible = visible_unit_ids(request.user)
    return boards if visible is None else boards.filter(pk__in=visible)


@router.get(
    "/units/{code}",
    response=documented(UnitDetail),
    summary="One organisation unit with its links on a date",
)
def unit_detail(request, code: str, on: date | None = None):
    """A unit the person may not see answers exactly as an unknown code (404); its parents and
    children are those the organisation page shows them."""
    on = on or local_date()
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not may_see_unit(request.user, unit):
        raise Http404
    parents = [p for kind in Kind.values if (p := parent_of(unit, kind, on)) and may_see_unit(request.user, p)]
    children = [c for kind in Kind.values for c in seen_units(request.user, children_of(unit, kind, on))]
    return {**UnitOut.from_orm(unit).dict(), "parents": parents, "children": children}
