from datetime import date
from decimal import Decimal

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cymuned import charts as chart_markup
from cymuned import edges
from cymuned.accounts.rules import visible_unit_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .allocation import Basis, allocate, explain, plan
from .charts import cumulative_spend
from .data import decile_weights, populations
from .models import Budget
from .position import cluster_positions, monthly_spend, neighbourhood_positions, neighbourhood_split, regroup, total


def _year(request) -> FinancialYear:
    chosen = edges.financial_year(request.GET.get("year"))
    if chosen is not None:
        return chosen
    latest = Budget.objects.order_by("-financial_year").values_list("financial_year", flat=True).first()
    return FinancialYear.parse(latest) if latest else FinancialYear.containing(timezone.localdate())


def _date(request, default: date) -> date:
    return edges.iso_date(request.GET.get("on"), default)


def visible_clusters(user):
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(budgets__isnull=False).distinct().order_by("name_en")
    visible = visible_unit_ids(user)
    return clusters if visible is None else clusters.filter(pk__in=visible)


def index(request):
    year = _year(request)
    clusters = list(visible_clusters(request.user))
    by = "neighbourhood" if request.GET.get("by") == "neighbourhood" else "cluster"
    on = _date(request, year.end)
    rows = cluster_positions(year, clusters)
    if by == "neighbourhood":
        rows = neighbourhood_positions(rows, clusters, on)
    chart_html = []
    if by == "cluster":
        for cluster, row in zip(clusters, rows, strict=True):
            chart_html.append(
                chart_markup.embed(
                    f"spend-{cluster.code}",
                    cumulative_spend(cluster.name, year, row.budget, monthly_spend(year, cluster)),
                )
            )
    years = sorted(set(Budget.objects.values_list("financial_year", flat=True)), reverse=True)
    return render(
        request,
        "finance/index.html",
        {
            "year": year,
            "years": years,
            "rows": rows,
            "total": total(rows),
            "by": by,
            "on": on,
            "charts": chart_html,
        },
    )


def allocation(request):
    year = _year(request)
    clusters = list(visible_clusters(request.user))
    query = request.GET
    total_gbp = edges.finite_decimal(query.get("total"), Decimal(3_000_000), places=2)
    weight = edges.finite_decimal(query.get("weight"), Decimal("0.5"), minimum=Decimal(0), maximum=Decimal(1))
    years = edges.whole_number(query.get("years"), 3, minimum=1, maximum=10)
    cap = edges.finite_decimal(query.get("cap"), Decimal(5), minimum=Decimal(0))
    weights = decile_weights()
    population, by_decile = populations(clusters, year.start)
    previous = dict(
        Budget.objects.filter(financial_year=str(FinancialYear(year.start_year - 1)), cluster__in=clusters).values_list(
            "cluster__code", "budget_gbp"
        )
    )
    current = {c.code: previous.get(c.code, Decimal(0)) for c in clusters}
    bases, error = {}, ""
    try:
        for basis in Basis:
            target = allocate(total_gbp, basis, population, by_decile, weight, weights)
            bases[basis] = plan(current, target, years, cap)
    except ValueError as problem:
        error = str(problem)
    names = {c.code: c.name for c in clusters}
    table = (
        [
            {
                "code": code,
                "name": names[code],
                "population": population[code],
                "current": current[code],
                "cells": [next(a for a in bases[b] if a.cluster == code) for b in Basis],
            }
            for code in sorted(names)
        ]
        if bases
        else []
    )
    on = _date(request, year.start)
    by_neighbourhood = []
    if bases:
        split = neighbourhood_split(clusters, on)
        if any(split.values()):
            current_by = regroup(current, split)
            targets_by = [regroup({a.cluster: a.target for a in bases[b]}, split) for b in Basis]
            names = {u.code: u.name for u in OrgUnit.objects.filter(code__in=list(current_by))}
            by_neighbourhood = [
                {
                    "name": names.get(code) or _("Not in a neighbourhood"),
                    "current": current_by[code],
                    "targets": [t.get(code) for t in targets_by],
                }
                for code in sorted(current_by)
            ]
    return render(
        request,
        "finance/allocation.html",
        {
            "on": on,
            "by_neighbourhood": by_neighbourhood,
            "year": year,
            "total_gbp": total_gbp,
            "weight": weight,
            "years": years,
            "cap": cap,
            "error": error,
            "bases": list(Basis),
            "table": table,
            "explanation": explain(Basis.BLEND, weight, weights),
            "weights": sorted(weights.items()),
            "path_years": range(1, years + 1),
            "previous_year": FinancialYear(year.start_year - 1),
        },
    )
