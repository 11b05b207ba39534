from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from cymuned import charts as chart_markup
from cymuned import edges
from cymuned.accounts.rules import visible_unit_ids
from cymuned.orgs.hierarchy import neighbourhood_split
from cymuned.orgs.models import Kind, OrgUnit, name_order
from cymuned.periods import FinancialYear, local_date

from .allocation import (
    COVERAGE_WARNING_PCT,
    Basis,
    age_weighted_population,
    allocate,
    coverage_problems,
    divide_by_neighbourhood,
    explain,
    plan,
    rule,
)
from .charts import cumulative_spend
from .data import age_weights, decile_weights, gather, neighbourhood_age_parts, neighbourhood_parts
from .models import Budget
from .position import cluster_positions, monthly_spend, neighbourhood_positions, regroup, total


def _year(request) -> FinancialYear:
    chosen = edges.financial_year(request.GET.get("year"))
    if chosen is not None:
        return chosen
    latest = Budget.objects.order_by("-financial_year").values_list("financial_year", flat=True).first()
    return FinancialYear.parse(latest) if latest else FinancialYear.containing(local_date())


def _date(request, default: date) -> date:
    return edges.iso_date(request.GET.get("on"), default)


def visible_clusters(user):
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(budgets__isnull=False).distinct().order_by(*name_order())
    visible = visible_unit_ids(user)
    return clusters if visible is None else clusters.filter(pk__in=visible)


def index(request):
    year = _year(request)
    clusters = list(visible_clusters(request.user))
    by = edges.choice(request.GET.get("by"), ("cluster", "neighbourhood"), "cluster")
    on = _date(request, year.end)
    rows = cluster_positions(year, clusters)
    notes: dict[str, list[str]] = {}
    if by == "neighbourhood":
        rows = neighbourhood_positions(rows, clusters, on)
        notes = shared_notes(neighbourhood_split(clusters, on), {c.code: c.name for c in clusters})
    chart_html = []
    if by == "cluster":
        for cluster, row in zip(clusters, rows, strict=True):
            chart_html.append(
                (
                    chart_markup.embed(
                        f"spend-{cluster.code}",
                        cumulative_spend(cluster.name, year, row.budget, monthly_spend(year, cluster), row.synthetic),
                    ),
                    row.synthetic,
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
            "lines": [(row, notes.get(row.code, [])) for row in rows],
            "total": total(rows),
            "by": by,
            "on": on,
            "charts": chart_html,
        },
    )


def shared_notes(split: dict[str, dict[str, int]], names: dict[str, str]) -> dict[str, list[str]]:
    """For each neighbourhood, a note for every split cluster it holds a part of, with that part's
    share of the cluster's registered patients, so nobody adds a split cluster twice."""
    notes: dict[str, list[str]] = {}
    for cluster, weights in sorted(split.items()):
        parts = {n: w for n, w in weights.items() if w > 0}
        if len(parts) < 2:
            continue
        whole = sum(parts.values())
        for neighbourhood, patients in parts.items():
            notes.setdefault(neighbourhood, []).append(
                _("includes %(pct)s %% of %(cluster)s (split by registered patients)")
                % {"pct": f"{Decimal(patients * 100) / whole:.1f}", "cluster": names.get(cluster, cluster)}
            )
    return notes


def allocation(request):
    year = _year(request)
    clusters = list(visible_clusters(request.user))
    query = request.GET
    total_gbp = edges.finite_decimal(query.get("total"), Decimal(3_000_000), places=2, minimum=Decimal(0))
    weight = edges.finite_decimal(query.get("weight"), Decimal("0.5"), minimum=Decimal(0), maximum=Decimal(1))
    years = edges.whole_number(query.get("years"), 3, minimum=1, maximum=10)
    cap = edges.finite_decimal(query.get("cap"), Decimal(5), minimum=Decimal(0), maximum=Decimal(100))
    pace_basis = edges.choice(query.get("basis"), Basis, Basis.BLEND)
    weights = decile_weights(year.start)
    # The age band weights in force, each replaceable on the page for a scenario (`age-0-4=1.2`).
    ages = {
        band: edges.finite_decimal(query.get(f"age-{band}"), w, places=3, minimum=Decimal(0), maximum=Decimal(100))
        for band, w in age_weights(year.start).items()
    }
    found = gather(clusters, year.start)
    names = {c.code: c.name for c in clusters}
    refusals, warnings = coverage_problems(found.coverage(), names)
    age_refusals = [
        _(
            "%(cluster)s has practices with no registered patients by age band on or before %(date)s: the age-weighted bases cannot be worked out until list sizes by age band are imported."
        )
        % {"cluster": names[code], "date": formats.date_format(year.start, "j F Y")}
        for code in found.without_ages()
    ]
    age_weighted = age_weighted_population({code: found.by_age(code) or {} for code in names}, ages)
    previous = dict(
        Budget.objects.filter(financial_year=str(FinancialYear(year.start_year - 1)), cluster__in=clusters).values_list(
            "cluster__code", "budget_gbp"
        )
    )
    current = {c.code: previous.get(c.code, Decimal(0)) for c in clusters}
    targets: dict[Basis, dict[str, Decimal]] = {}
    errors: dict[Basis, str] = {}
    for basis in Basis:
        refused = [*(refusals if basis.needs_deprivation else []), *(age_refusals if basis.needs_ages else [])]
        if refused:
            errors[basis] = " ".join(refused)
            continue
        try:
            targets[basis] = allocate(
                total_gbp,
                basis,
                found.registered,
                found.by_decile,
                weight,
                decile_weights=weights,
                age_weighted=age_weighted,
            )
        except ValueError as problem:
            errors[basis] = str(problem)
    if pace_basis not in targets and Basis.POPULATION in targets:
        pace_basis = Basis.POPULATION
    pace = plan(current, targets[pace_basis], years, cap, names) if pace_basis in targets else None
    coverage = {row.cluster: row for row in found.coverage()}
    table = [
        {
            "code": code,
            "name": names[code],
            "population": found.registered[code],
            "coverage": coverage[code],
            "current": current[code],
            "cells": [
                {"target": targets[b][code], "difference": targets[b][code] - current[code]} if b in targets else None
                for b in Basis
            ],
            "pace": next(a for a in pace.allocations if a.cluster == code) if pace else None,
        }
        for code in sorted(names)
    ]
    # The totals row: what the clusters add up to, now and on each basis (each adds up to the total).
    totals = {
        "population": sum(row["population"] for row in table),
        "current": sum((row["current"] for row in table), Decimal(0)),
        "cells": [
            {
                "target": sum((targets[b][code] for code in names), Decimal(0)),
                "difference": sum((targets[b][code] - current[code] for code in names), Decimal(0)),
            }
            if b in targets
            else None
            for b in Basis
        ],
    }
    on = _date(request, year.start)
    by_neighbourhood, shared = [], []
    if clusters:
        parts = neighbourhood_parts(clusters, found, on)
        if any(key for places in parts.values() for key in places):
            split = {code: {k: n for k, (n, _d) in places.items() if k} for code, places in parts.items()}
            current_by = regroup(current, split)
            all_population, all_by_decile = sum(found.registered.values()), found.all_by_decile()
            age_parts = neighbourhood_age_parts(clusters, found, on, ages)
            targets_by = []
            for b in Basis:
                try:
                    targets_by.append(
                        divide_by_neighbourhood(
                            targets[b],
                            parts,
                            b,
                            all_population,
                            all_by_decile,
                            weight,
                            decile_weights=weights,
                            parts_age_weighted=age_parts,
                            all_age_weighted=sum(age_weighted.values(), Fraction(0)),
                        )
                        if b in targets
                        else {}
                    )
                except ValueError as problem:
                    errors[b] = str(problem)
                    targets_by.append({})
            codes = sorted(set(current_by) | {k for t in targets_by for k in t})
            unit_names = {u.code: u.name for u in OrgUnit.objects.filter(code__in=codes)}
            by_neighbourhood = [
                {
                    "name": unit_names.get(code) or _("Not in a neighbourhood"),
                    "current": current_by.get(code, Decimal(0)),
                    "targets": [t.get(code) for t in targets_by],
                }
                for code in codes
            ]
            shared = [
                {"name": names[code], "places": sorted(unit_names.get(k, k) for k in places if k)}
                for code, places in sorted(parts.items())
                if len([k for k in places if k]) > 1
            ]
    return render(
        request,
        "finance/allocation.html",
        {
            "on": on,
            "by_neighbourhood": by_neighbourhood,
            "shared": shared,
            "totals": totals,
            "financial_years": sorted(
                {*Budget.objects.values_list("financial_year", flat=True), str(year)}, reverse=True
            ),
            "year": year,
            "total_gbp": total_gbp,
            "weight": weight,
            "years": years,
            "cap": cap,
            "errors": list(dict.fromkeys(errors[b] for b in Basis if b in errors)),
            "age_weights": list(ages.items()),
            "age_weights_changed": ages != age_weights(year.start),
            "warnings": warnings,
            "pace": pace,
            "pace_basis": pace_basis,
            "rule": rule(),
            "bases": list(Basis),
            "table": table,
            "explanation": explain(Basis.BLEND, weight, weights, ages),
            "weights": sorted(weights.items()),
            "path_years": range(1, years + 1),
            "previous_year": FinancialYear(year.start_year - 1),
            "coverage_threshold": COVERAGE_WARNING_PCT,
        },
    )
