"""The workforce page (staff in post by cluster, neighbourhood or board, with FTE per 10,000 registered
patients and the trend by staff group) and the leadership posts on the organisation pages."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from cymuned import charts, edges
from cymuned.accounts.access import holds_any_role, scope
from cymuned.accounts.rules import require
from cymuned.periods import Quarter, local_date

from .models import LeadershipPost, StaffInPost
from .rollup import per_10000
from .tables import BY, build, trend

TREND_QUARTERS = 8


def _latest_period(user) -> Quarter:
    periods = scope(user, StaffInPost).values_list("period", flat=True).order_by("-period")[:1]
    return Quarter.parse(periods[0]) if periods else Quarter.containing(local_date())


def index(request):
    require(holds_any_role(request.user))
    by = edges.choice(request.GET.get("by"), BY, "cluster")
    period = edges.quarter(request.GET.get("period")) or _latest_period(request.user)
    on = edges.iso_date(request.GET.get("on")) or period.end
    table = build(by, period, on, request.user)
    shown = [g for g in table.groups if any(g.code in row.cells for row in table.rows)]
    rows = [
        {
            "row": row,
            "cells": [
                {
                    "cell": row.cells.get(g.code),
                    "per": per_10000(row.cells[g.code].fte, row.patients) if g.code in row.cells else None,
                }
                for g in shown
            ],
        }
        for row in table.rows
    ]
    periods = [period]
    while len(periods) < TREND_QUARTERS:
        periods.insert(0, periods[0].previous())
    points = trend(periods, on, request.user)
    chart = charts.spec(
        {
            "data": {"values": points},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": _("Quarter")},
                "y": {"field": "fte", "type": "quantitative", "title": _("Whole-time equivalent")},
                "color": {"field": "staff_group", "type": "nominal", "title": _("Staff group")},
                "shape": {"field": "staff_group", "type": "nominal", "title": _("Staff group")},
            },
        },
        _("Whole-time equivalent staff in post by staff group, quarter by quarter"),
    )
    return render(
        request,
        "workforce/index.html",
        {
            "table": table,
            "groups": shown,
            "rows": rows,
            "by": by,
            "choices": [
                ("cluster", _("cluster")),
                ("neighbourhood", _("neighbourhood")),
                ("health_board", _("health board")),
            ],
            "period": period,
            "on": on,
            "chart": charts.embed("workforce-trend", chart) if points else "",
            "points": points,
            "estimated": any(row.estimated for row in table.rows),
        },
    )


def leadership_panel(request, unit) -> dict | None:
    """The unit's leadership posts, for its organisation page (the page has checked the unit is seen)."""
    posts = list(LeadershipPost.objects.filter(unit=unit).order_by("role", "-valid_from"))
    return {"posts": posts, "today": local_date()} if posts else None
