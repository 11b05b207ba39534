from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cymuned import charts as chart_markup
from cymuned.periods import Quarter, local_date
from cymuned.portfolio.access import may_edit, project_for, visible_projects

from . import links
from .charts import change_of, change_sentence, measure_charts, series
from .completeness import Status, rates
from .models import ExpectedReturn, MeasureKind, ReturnLink
from .queries import completeness_items, expected_in, projects_without_measures
from .submission import check, current_values, fields_for, submit


def _period(request) -> str:
    try:
        return str(Quarter.parse(request.GET.get("period", "")))
    except ValueError:
        latest = ExpectedReturn.objects.order_by("-period").values_list("period", flat=True).first()
        return latest or str(Quarter.containing(local_date()))


def index(request):
    """Completeness of the period's outcome returns: received on time, late, or missing."""
    period = _period(request)
    pairs = expected_in(period, visible_projects(request.user))
    items = completeness_items(pairs)
    without_measures = projects_without_measures([item.project_id for item, _state in pairs])
    return render(
        request,
        "outcomes/index.html",
        {
            "period": period,
            "periods": ExpectedReturn.objects.values_list("period", flat=True).distinct().order_by("-period"),
            "rows": [
                {
                    "item": item,
                    "status": state,
                    "can_edit": may_edit(request.user, item.project),
                    "no_measures": item.project_id in without_measures,
                }
                for item, state in pairs
            ],
            "missing": [item for item, state in pairs if state is Status.MISSING],
            "by_cluster": rates(items, "cluster"),
            "by_provider": rates(items, "provider"),
            "by_project": rates(items, "project"),
        },
    )


def project(request, code: str):
    chosen = project_for(request.user, code)
    try:
        recalculate = [int(x) for x in request.GET.get("recalculate", "").split(",") if x.strip()]
    except ValueError:
        recalculate = []
    blocks = []
    for measure in chosen.measures.order_by("code"):
        made = measure_charts(measure, recalculate)
        charts = [
            {"markup": chart_markup.embed(f"chart-{measure.pk}-{i}", chart.spec), "chart": chart, "n": i}
            for i, chart in enumerate(made)
        ]
        change = change_of(measure) if measure.kind == MeasureKind.SCORE else None
        points = series(measure)
        blocks.append(
            {
                "measure": measure,
                "charts": charts,
                "change": change,
                "change_sentence": change_sentence(measure, change) if change else "",
                "latest": points[-1] if points else None,
            }
        )
    return render(request, "outcomes/project.html", {"project": chosen, "blocks": blocks})


def _no_measures(project) -> str:
    return _(
        "No link was made: %(code)s has no outcome measures, so its provider would have nothing to return. "
        "Add the project's measures first."
    ) % {"code": project.code}


def issue_link(request, code: str, period: str):
    chosen = project_for(request.user, code, edit=True)
    expected = get_object_or_404(ExpectedReturn, project=chosen, period=period)
    if request.method != "POST":
        raise Http404
    try:
        token = links.issue(expected, request.user)
    except links.NothingToReturn:
        messages.error(request, _no_measures(chosen))
        return redirect(f"{reverse('outcomes:index')}?period={period}")
    url = request.build_absolute_uri(reverse("provide", args=[token]))
    messages.success(
        request,
        _("New link for %(provider)s (shown once; send it to them): %(url)s")
        % {"provider": expected.provider, "url": url},
    )
    return redirect(f"{reverse('outcomes:index')}?period={period}")


def revoke_links(request, code: str, period: str):
    chosen = project_for(request.user, code, edit=True)
    if request.method != "POST":
        raise Http404
    for link in ReturnLink.objects.filter(expected__project=chosen, expected__period=period, revoked_at=None):
        links.revoke(link)
    messages.success(
        request,
        _("Every link for %(code)s %(period)s is revoked.") % {"code": chosen.code, "period": period},
    )
    return redirect(f"{reverse('outcomes:index')}?period={period}")


@login_not_required
@never_cache
def provide(request, token: str):
    """The provider's form, reached only through its secret link."""
    link = links.resolve(token)
    if link is None:
        raise Http404
    expected = link.expected
    fields = fields_for(expected)
    values = current_values(fields)
    errors: dict[str, str] = {}
    saved = False
    if request.method == "POST":
        cleaned, errors = check(fields, request.POST)
        if not errors and not cleaned and not values:
            errors = {"": _("Enter at least one value: an empty form is not a return.")}
        if not errors:
            submit(expected, fields, cleaned)
            saved = True
            values = current_values(fields)
        else:
            values = {f.name: request.POST.get(f.name, "") for f in fields}
    groups: dict[int, dict] = {}
    for field in fields:
        group = groups.setdefault(field.measure.pk, {"measure": field.measure, "fields": []})
        group["fields"].append(
            {
                "field": field,
                "value": values.get(field.name, ""),
                "error": errors.get(field.name, ""),
            }
        )
    return render(
        request,
        "outcomes/provide.html",
        {
            "expected": expected,
            "groups": list(groups.values()),
            "errors": errors,
            "form_error": errors.get("", ""),
            "saved": saved,
            "expires": link.expires_at,
        },
        status=400 if errors else 200,
    )
