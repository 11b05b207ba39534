"""Who may do what: the one place where access is decided, for pages, API and imports alike.

A role held for a unit covers the unit and everything beneath it (a health board's viewer sees its
clusters and their practices). Superusers administer everything.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied

from cymuned.orgs.hierarchy import ancestor_ids, descendant_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import local_date

from .models import Role, RoleGrant

RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMINISTRATOR: 3}


def strongest(grants: Mapping[int, str], lineage: Iterable[int]) -> Role | None:
    """The highest role granted on any unit of the lineage (a unit and its ancestors)."""
    held = [Role(grants[unit]) for unit in lineage if unit in grants]
    return max(held, key=RANK.__getitem__) if held else None


def _grants(user) -> dict[int, str]:
    cache = getattr(user, "_cymuned_grants", None)
    if cache is None:
        # with each unit's kind, so which grants are on the nation is known without a second query
        rows = list(RoleGrant.objects.filter(user=user).values_list("unit_id", "role", "unit__kind"))
        cache = user._cymuned_grants = {unit: role for unit, role, _kind in rows}
        user._cymuned_nations = {unit for unit, _role, kind in rows if kind == Kind.NATION}
    return cache


def grants_of(user) -> dict[int, str]:
    """The roles the person holds, by the unit each is granted on (one query, kept on the user)."""
    if not user.is_authenticated or not user.is_active:
        return {}
    return dict(_grants(user))


def role_for(user, unit: OrgUnit, on: date | None = None) -> Role | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    grants = _grants(user)
    if not grants:
        return None
    return strongest(grants, _lineage(user, unit.pk, on or local_date()))


def _lineage(user, unit_id: int, on: date) -> frozenset[int]:
    """The unit and its ancestors on the date, kept on the user like the grants: a page asks about the
    same unit several times (may see, may report, may change, each panel), and each walk up the
    organisation is a query per level."""
    kept = getattr(user, "_cymuned_lineages", None)
    if kept is None:
        kept = user._cymuned_lineages = {}
    found = kept.get((unit_id, on))
    if found is None:
        found = kept[(unit_id, on)] = frozenset(ancestor_ids([unit_id], on))
    return found


def has_role(user, unit: OrgUnit, needed: Role) -> bool:
    role = role_for(user, unit)
    return role is not None and RANK[role] >= RANK[needed]


def can_view(user, unit: OrgUnit) -> bool:
    return has_role(user, unit, Role.VIEWER)


def can_edit(user, unit: OrgUnit) -> bool:
    return has_role(user, unit, Role.EDITOR)


def can_view_any(user, units: Iterable[OrgUnit]) -> bool:
    return any(can_view(user, unit) for unit in units)


def can_edit_any(user, units: Iterable[OrgUnit]) -> bool:
    return any(can_edit(user, unit) for unit in units)


def require(allowed: bool) -> None:
    """Refuse the request unless allowed."""
    if not allowed:
        raise PermissionDenied


def visible_unit_ids(user, needed: Role = Role.VIEWER, on: date | None = None) -> set[int] | None:
    """Ids of every unit the user holds at least `needed` for; None means all (superuser)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    roots = [unit for unit, role in _grants(user).items() if RANK[Role(role)] >= RANK[needed]]
    if not roots:
        return set()
    if _nation_among(user, roots):
        # A role on the nation reaches every unit (all of Cymuned's units hang beneath Wales): "all",
        # rather than the id of every unit in Wales, which turned each visibility filter of a national
        # administrator's page into a look-up of thousands of ids (issue 14: 9 s for the portfolio).
        return None
    return descendant_ids(roots, on or local_date())


def _nation_among(user, unit_ids: list[int]) -> bool:
    nations = nations_granted(user)
    return any(unit in nations for unit in unit_ids)


def nations_granted(user) -> set[int]:
    """The nation units among those the person holds a role on (read with the grants)."""
    _grants(user)
    return user._cymuned_nations


def edits_anything(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or any(RANK[Role(role)] >= RANK[Role.EDITOR] for role in _grants(user).values()))
    )
