from ninja import Router, Schema
from ninja.errors import HttpError

from cymuned.accounts.rules import visible_unit_ids
from cymuned.api_responses import documented
from cymuned.periods import FinancialYear

from .position import finance_summary

router = Router(tags=["finance"])


class ClusterPosition(Schema):
    cluster: str
    name: str
    budget_gbp: str
    spend_gbp: str
    variance_gbp: str
    unallocated_gbp: str
    synthetic: bool = False  # made from synthetic (demonstration) spend lines


@router.get(
    "/finance/position",
    response=documented(list[ClusterPosition]),
    summary="Budget, spend and spend unknown by cluster",
)
def position(request, year: str, cluster: str | None = None):
    """Amounts are decimal strings to the penny; limited to the clusters you may see."""
    try:
        chosen = FinancialYear.parse(year)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    return finance_summary(chosen, [cluster.upper()] if cluster else None, visible_unit_ids(request.user))
