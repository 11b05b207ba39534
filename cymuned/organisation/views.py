from datetime import date

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.rules import can_view, require, visible_unit_ids
from cymuned.orgs.hierarchy import (
    children_of,
    cluster_of,
    list_sizes_on,
    neighbourhood_of,
    parent_of,
    placements,
    practices_in,
)
from cymuned.orgs.models import Kind, OrgUnit
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


def chosen_date(request) -> date:
    """The `on` date of the query string, today when absent or unreadable."""
    return edges.iso_date(request.GET.get("on")) or local_date()


def index(request):
    on = chosen_date(request)
    visible = visible_unit_ids(request.user)
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).existing_on(on).order_by("name_en")
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
    groups = []
    for kind in CHILD_KINDS:
        children = children_of(unit, kind, on).order_by("name_en")
        if visible is not None:
            children = children.filter(pk__in=visible)
        if children:
            groups.append({"kind": Kind(kind).label, "units": list(children)})
    practices = []
    if unit.kind in (Kind.CLUSTER, Kind.NEIGHBOURHOOD):
        found = practices_in(unit, on)
        sizes = list_sizes_on(found, on)
        placed = placements(found, on)  # two queries for every practice, not two per practice
        practices = [
            {"unit": p, "patients": sizes.get(p.pk), "cluster": placed[p.pk][0], "neighbourhood": placed[p.pk][1]}
            for p in found
        ]
    parents = [
        parent
        for kind in (
            Kind.NATION,
            Kind.HEALTH_BOARD,
            Kind.COUNTY,
            Kind.PLANNING_GROUP,
            Kind.CLUSTER,
            Kind.NEIGHBOURHOOD,
        )
        if (parent := parent_of(unit, kind, on)) and can_view(request.user, parent)
    ]
    if unit.kind == Kind.PRACTICE:
        practices = [
            {
                "unit": unit,
                "patients": list_sizes_on([unit], on).get(unit.pk),
                "cluster": cluster_of(unit, on),
                "neighbourhood": neighbourhood_of(unit, on),
            }
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
