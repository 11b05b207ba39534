from datetime import date

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.rules import can_view, require, visible_unit_ids
from cymuned.orgs.hierarchy import list_sizes_on, parents_of, placements, practices_in, units_under
from cymuned.orgs.models import Kind, OrgUnit, name_order
from cymuned.panels import panels_for
from cymuned.periods import local_date

CHILD_KINDS = [
    Kind.HEALTH_BOARD,
    Kind.COUNTY,
    Kind.PLANNING_GROUP,
    Kind.CLUSTER,
    Kind.NEIGHBOURHOOD,
    Kind.COLLABORATIVE,
]
PARENT_KINDS = [Kind.NATION, Kind.HEALTH_BOARD, Kind.COUNTY, Kind.PLANNING_GROUP, Kind.CLUSTER, Kind.NEIGHBOURHOOD]


def chosen_date(request) -> date:
    """The `on` date of the query string, today when absent or unreadable."""
    return edges.iso_date(request.GET.get("on")) or local_date()


def index(request):
    on = chosen_date(request)
    visible = visible_unit_ids(request.user)
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).existing_on(on).order_by(*name_order())
    if visible is not None:
        boards = boards.filter(pk__in=visible)
    cluster_counts = dict(
        OrgUnit.objects.of_kind(Kind.CLUSTER)
        .existing_on(on)
        .filter(parent_links__parent__in=boards)
        .values_list("parent_links__parent")
        .annotate(n=Count("pk", distinct=True))
    )
    rows = [{"unit": board, "clusters": cluster_counts.get(board.pk, 0)} for board in boards]
    return render(request, "orgs/index.html", {"rows": rows, "on": on})


def unit(request, code: str):
    on = chosen_date(request)
    unit = get_object_or_404(OrgUnit, code=code)
    require(can_view(request.user, unit))
    visible = visible_unit_ids(request.user)
    children = units_under(unit, CHILD_KINDS, on).order_by(*name_order())
    if visible is not None:
        children = children.filter(pk__in=visible)
    by_kind: dict[str, list[OrgUnit]] = {}
    for child in children:  # one query for every kind of child, grouped here in CHILD_KINDS' order
        by_kind.setdefault(child.kind, []).append(child)
    groups = [{"kind": Kind(kind).label, "units": by_kind[kind]} for kind in CHILD_KINDS if kind in by_kind]
    practices = []
    if unit.kind in (Kind.CLUSTER, Kind.NEIGHBOURHOOD, Kind.PRACTICE):
        found = [unit] if unit.kind == Kind.PRACTICE else practices_in(unit, on)
        sizes = list_sizes_on(found, on)
        placed = placements(found, on)  # two queries for every practice, not two per practice
        practices = [
            {"unit": p, "patients": sizes.get(p.pk), "cluster": placed[p.pk][0], "neighbourhood": placed[p.pk][1]}
            for p in found
        ]
    above = parents_of(unit, PARENT_KINDS, on)  # one query; the ones shown are those the person may see
    parents = [
        parent for kind in PARENT_KINDS if (parent := above.get(kind)) and (visible is None or parent.pk in visible)
    ]
    exists = (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_to is None or on < unit.valid_to)
    return render(
        request,
        "orgs/unit.html",
        {
            "unit": unit,
            "kind_label": Kind(unit.kind).label,
            "on": on,
            "exists": exists,
            "groups": groups,
            "practices": practices,
            "total_patients": sum(p["patients"] or 0 for p in practices),
            "parents": parents,
            "panels": panels_for("unit", request, unit),
            "not_yet": _("This unit does not exist on %(date)s.") % {"date": on.isoformat()} if not exists else "",
        },
    )
