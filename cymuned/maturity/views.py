from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cymuned import charts as chart_markup
from cymuned import edges
from cymuned.accounts.access import may_rate, may_see_assessment, seen_units
from cymuned.accounts.rules import require
from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear, local_date

from .charts import progress, radar
from .cycles import consensus_by_cycle, unit_cycle
from .forms import RatingForm
from .guardrails import below_minimum, minimum_expected, programme_year
from .models import Assessment, Consensus, Domain, Framework, MinimumExpectation, Rating

PROGRAMME_YEARS = 3


def _cycle(text: str | None) -> FinancialYear:
    chosen = edges.financial_year(text)
    if chosen is not None:
        return chosen
    latest = Assessment.objects.order_by("-cycle").values_list("cycle", flat=True).first()
    return FinancialYear.parse(latest) if latest else FinancialYear.containing(local_date())


def index(request):
    """All units side by side for one framework and cycle: each domain's agreed stage."""
    cycle = _cycle(request.GET.get("cycle"))
    frameworks = list(Framework.objects.filter(assessments__cycle=str(cycle)).distinct().order_by("code", "-version"))
    framework = next(
        (f for f in frameworks if f.code == request.GET.get("framework")), frameworks[0] if frameworks else None
    )
    columns, table = [], []
    if framework is not None:
        assessments = Assessment.objects.filter(framework=framework, cycle=str(cycle)).values("unit_id")
        units = list(seen_units(request.user, OrgUnit.objects.filter(pk__in=assessments)).order_by("code"))
        domains = list(Domain.objects.filter(framework=framework).order_by("order"))
        agreed = consensus_by_cycle(units, [str(cycle)])
        minimums: dict[int, dict[int, int]] = {}
        for m in MinimumExpectation.objects.filter(domain__framework=framework):
            minimums.setdefault(m.domain_id, {})[m.programme_year] = m.stage
        year = programme_year(FinancialYear.parse(framework.first_cycle).start_year, cycle.start_year)
        columns = units
        for domain in domains:
            minimum = minimum_expected(minimums.get(domain.pk, {}), year)
            cells = []
            for unit in units:
                stage = agreed.get((unit.pk, str(cycle), domain.pk))
                cells.append({"stage": stage, "below": below_minimum(stage, minimum)})
            table.append({"domain": domain, "minimum": minimum, "cells": cells})
    cycles = sorted(set(Assessment.objects.values_list("cycle", flat=True)), reverse=True)
    return render(
        request,
        "maturity/index.html",
        {
            "cycle": cycle,
            "cycles": cycles,
            "frameworks": frameworks,
            "framework": framework,
            "columns": columns,
            "table": table,
        },
    )


def _unit(request, code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not may_see_assessment(request.user, unit):
        raise Http404
    return unit


def cycle_page(request, code: str, cycle: str):
    unit = _unit(request, code)
    year = edges.financial_year(cycle)
    if year is None:
        raise Http404
    editable = may_rate(request.user, unit)
    form = RatingForm(
        request.POST if request.method == "POST" else None,
        assessments=Assessment.objects.filter(unit=unit, cycle=str(year)),
    )
    if request.method == "POST":
        require(editable)
        if form.is_valid():
            return _save(request, unit, year, form.cleaned_data)
    rows = unit_cycle(unit, year)
    if not rows:
        raise Http404
    descriptors = {(d.domain_id, d.stage): d for d in _descriptors(rows)}
    for row in rows:
        stage = row.consensus_stage
        row.descriptor = descriptors.get((row.domain.pk, stage)) if stage else None
    by_framework: dict[int, list] = {}
    for row in rows:
        by_framework.setdefault(row.domain.framework_id, []).append(row)
    sections = []
    first_cycles = []
    for index, group in enumerate(by_framework.values()):
        framework = group[0].domain.framework
        first_cycles.append(FinancialYear.parse(framework.first_cycle))
        axes = [
            (r.domain.name, r.consensus_stage if r.consensus else r.spread.median, r.minimum_expected) for r in group
        ]
        chart = radar(
            _("%(unit)s, %(cycle)s: %(framework)s") % {"unit": unit.name, "cycle": year, "framework": framework.name},
            axes,
        )
        sections.append({"framework": framework, "rows": group, "radar": chart_markup.embed(f"radar-{index}", chart)})
    start = min(first_cycles)
    programme = [str(FinancialYear(start.start_year + i)) for i in range(PROGRAMME_YEARS)]
    names = {(row.domain.framework.code, row.domain.code): row.domain.name for row in rows}
    history = Consensus.objects.filter(assessment__unit=unit, assessment__cycle__in=programme).values_list(
        "assessment__cycle", "domain__framework__code", "domain__code", "stage"
    )
    progress_rows = sorted((when, names[(f, d)], stage) for when, f, d, stage in history if (f, d) in names)
    by_key = {(when, name): stage for when, name, stage in progress_rows}
    # No chart before a stage is agreed: an empty chart says nothing (and would name nothing for a screen reader)
    progress_chart = (
        chart_markup.embed("progress", progress(_("Progress over the programme"), progress_rows, programme))
        if progress_rows
        else ""
    )
    progress_table = [
        {"domain": row.domain, "stages": [by_key.get((c, row.domain.name)) for c in programme]} for row in rows
    ]
    synthetic = Assessment.objects.filter(unit=unit, cycle=str(year), synthetic=True).exists()
    return render(
        request,
        "maturity/cycle.html",
        {
            "unit": unit,
            "cycle": year,
            "sections": sections,
            "editable": editable,
            "programme": programme,
            "progress_chart": progress_chart,
            "progress_table": progress_table,
            "domains": [row.domain for row in rows],
            "synthetic": synthetic,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _descriptors(rows):
    from .models import Descriptor

    return Descriptor.objects.filter(domain__in=[r.domain for r in rows])


def _save(request, unit: OrgUnit, year: FinancialYear, values: dict):
    """A rater's stage, or the group's consensus, from the form on the cycle page (RatingForm)."""
    domain, stage, text, who = values["domain"], values["stage"], values["text"], values["rater"]
    if values["kind"] == "consensus":
        Consensus.objects.update_or_create(
            assessment=values["assessment"],
            domain=domain,
            defaults={"stage": stage, "reason": text, "recorded_by": who, "user": request.user},
        )
        messages.success(request, _("The agreed stage for %(domain)s is recorded.") % {"domain": domain.name})
    else:
        Rating.objects.update_or_create(
            assessment=values["assessment"], domain=domain, rater=who, defaults={"stage": stage, "evidence": text}
        )
        messages.success(request, _("The rating for %(domain)s is recorded.") % {"domain": domain.name})
    return redirect("maturity:cycle", code=unit.code, cycle=str(year))
