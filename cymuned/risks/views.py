"""The risk register pages: the heat maps and the register with its filters, one risk with its
history of scores, and the risks of a project on the project page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.access import holds_any_role, may_change_record, may_see_record, scope, seen_units
from cymuned.accounts.rules import require
from cymuned.orgs.hierarchy import descendant_ids
from cymuned.orgs.models import OrgUnit, name_order
from cymuned.periods import local_date

from .bands import BANDS, BY_KEY, SCALE, band_of, is_overdue, scores_in
from .models import Risk, Status
from .register import visible_risks


def _cells(risks: list[Risk], which: str, query: str) -> list[dict]:
    """The 5 × 5 grid, likelihood from 5 (top) down to 1, consequence 1 to 5 left to right."""
    counts: dict[tuple[int, int], int] = {}
    for risk in risks:
        key = (
            (risk.likelihood, risk.consequence)
            if which == "current"
            else (risk.target_likelihood, risk.target_consequence)
        )
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for likelihood in reversed(SCALE):
        cells = []
        for consequence in SCALE:
            band = band_of(likelihood * consequence)
            n = counts.get((likelihood, consequence), 0)
            cells.append(
                {
                    "likelihood": likelihood,
                    "consequence": consequence,
                    "score": likelihood * consequence,
                    "band": band,
                    "count": n,
                    "href": f"?{query}&view={which}&l={likelihood}&c={consequence}#register",
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


def index(request):
    require(holds_any_role(request.user))
    on = local_date()
    get = request.GET
    risks = visible_risks(request.user)
    units = seen_units(request.user, OrgUnit.objects.filter(pk__in=risks.values("unit_id"))).order_by(
        "kind", *name_order()
    )
    status = get.get("status") if get.get("status") in Status.values else Status.OPEN
    risks = risks.filter(status=status)
    chosen_unit = None
    if get.get("unit"):
        chosen_unit = seen_units(request.user, OrgUnit.objects.filter(code=get["unit"].strip().upper())).first()
        risks = risks.filter(unit_id__in=descendant_ids([chosen_unit.pk], on)) if chosen_unit else risks.none()
    owner = (get.get("owner") or "").strip()[:200]
    if owner:
        risks = risks.filter(owner__iexact=owner)
    owners = sorted(set(visible_risks(request.user).exclude(owner="").values_list("owner", flat=True)))
    if get.get("overdue") == "yes":
        risks = risks.filter(review_date__lt=on)
    # the heat maps show what the filters above select; a band or a cell then narrows the list
    mapped = list(risks)
    view = "target" if get.get("view") == "target" else "current"
    listed = mapped
    band = BY_KEY.get(get.get("band") or "")
    if band:
        allowed = set(scores_in(band))
        listed = [r for r in listed if (r.score if view == "current" else r.target_score) in allowed]
    likelihood = edges.whole_number(get.get("l"), minimum=1, maximum=5)
    consequence = edges.whole_number(get.get("c"), minimum=1, maximum=5)
    if likelihood in SCALE and consequence in SCALE:
        if view == "current":
            listed = [r for r in listed if (r.likelihood, r.consequence) == (likelihood, consequence)]
        else:
            listed = [r for r in listed if (r.target_likelihood, r.target_consequence) == (likelihood, consequence)]
    base = request.GET.copy()
    for key in ("view", "l", "c", "band"):
        base.pop(key, None)
    query = base.urlencode()
    return render(
        request,
        "risks/index.html",
        {
            "maps": [
                {"which": "current", "title": _("Current scores"), "rows": _cells(mapped, "current", query)},
                {"which": "target", "title": _("Target scores"), "rows": _cells(mapped, "target", query)},
            ],
            "risks": [{"risk": r, "overdue": is_overdue(r.review_date, on)} for r in listed],
            "total": len(mapped),
            "bands": BANDS,
            "band": band,
            "units": units,
            "chosen_unit": chosen_unit,
            "owners": owners,
            "owner": owner,
            "overdue": get.get("overdue") == "yes",
            "status": status,
            "statuses": Status.choices,
            "view": view,
            "cell": (likelihood, consequence) if likelihood in SCALE and consequence in SCALE else None,
            "cell_l": likelihood,
            "cell_c": consequence,
            "scale": list(SCALE),
            "on": on,
        },
    )


def risk_for(user, reference: str) -> Risk:
    risk = Risk.objects.filter(reference=reference).select_related("unit", "project").first()
    if risk is None:
        raise Http404
    if not may_see_record(user, risk):
        raise PermissionDenied
    return risk


def detail(request, reference: str):
    risk = risk_for(request.user, reference)
    history: list[dict] = []
    for record in risk.history.order_by("history_date", "history_id"):
        entry = (record.likelihood, record.consequence, record.target_likelihood, record.target_consequence)
        if history and history[-1]["entry"] == entry:
            continue
        history.append(
            {
                "entry": entry,
                "when": record.history_date,
                "who": record.history_user,
                "score": record.likelihood * record.consequence,
                "band": band_of(record.likelihood * record.consequence),
                "target_score": record.target_likelihood * record.target_consequence,
                "likelihood": record.likelihood,
                "consequence": record.consequence,
            }
        )
    history.reverse()
    return render(
        request,
        "risks/risk.html",
        {
            "risk": risk,
            "actions": list(risk.actions.all()),
            "history": history,
            "overdue": risk.status == Status.OPEN and is_overdue(risk.review_date, local_date()),
            "can_change": may_change_record(request.user, risk),
        },
    )


def project_panel(request, project) -> dict | None:
    """The project's risks the person may see, for the project page."""
    risks = list(scope(request.user, Risk, project.risks.all()).select_related("unit"))
    return {"risks": risks, "on": local_date()} if risks else None
