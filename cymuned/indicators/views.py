from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cymuned import charts as chart_markup
from cymuned import edges
from cymuned.accounts.rules import can_view, require, visible_unit_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.spreadsheets import download

from . import charts
from .dashboard import CSV_COLUMNS, as_rows, build
from .data import years_with_data
from .findings import key_findings

DASHBOARD_KINDS = (Kind.CLUSTER, Kind.NEIGHBOURHOOD, Kind.HEALTH_BOARD)


def _year(request) -> FinancialYear | None:
    chosen = edges.financial_year(request.GET.get("year"))
    if chosen is not None:
        return chosen
    years = years_with_data()
    return years[-1] if years else None


def dashboard(request, code: str):
    unit = get_object_or_404(OrgUnit, code=code, kind__in=DASHBOARD_KINDS)
    require(can_view(request.user, unit))
    year = _year(request)
    if year is None:
        raise Http404(_("No indicator data has been imported yet."))
    on = edges.iso_date(request.GET.get("on"))
    fmt = edges.choice(request.GET.get("format"), ("csv", "xlsx"), None)
    built = build(unit, year, on, wide=fmt is None)
    if fmt is not None:
        return download(f"indicators-{unit.code}-{year}", CSV_COLUMNS, as_rows(built), fmt)
    visible = visible_unit_ids(request.user)
    funnels = []
    for index, row in enumerate(built.rows):
        funnel_spec = charts.funnel(row, built, visible)
        trend_spec = charts.trend(row, built)
        funnels.append(
            {
                "row": row,
                "funnel": chart_markup.embed(f"funnel-{index}", funnel_spec) if funnel_spec else None,
                "trend": chart_markup.embed(f"trend-{index}", trend_spec) if trend_spec else None,
            }
        )
    return render(
        request,
        "indicators/dashboard.html",
        {
            "dashboard": built,
            "years": built.years,
            "findings": key_findings(built),
            "spine": chart_markup.embed("spine", charts.spine(built, visible)),
            "charts": funnels,
            "fifths": range(1, 6),
        },
    )
