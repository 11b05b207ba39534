"""References most importers share: organisation units by code, as the person may see them."""

from django.utils.translation import gettext_lazy

from cymuned.accounts.access import seen_units
from cymuned.orgs.models import Kind, OrgUnit

from .base import Reference, by_code


def units(column: str, kind: str | None, message, many: bool = False, national: bool = False) -> Reference:
    """Units of `kind` (any kind if None) named in `column`. A unit the person may not see reads
    exactly like an unknown code, unless the data are `national` (read by every importer of them)."""
    records = OrgUnit.objects.all() if kind is None else OrgUnit.objects.filter(kind=kind)
    return Reference(column, by_code(lambda: records.all(), None if national else seen_units), message, many=many)


def clusters(column: str = "cluster") -> Reference:
    return units(column, Kind.CLUSTER, gettext_lazy("“%(code)s” is not a known cluster code"))
