import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cymuned import charts as chart_markup
from cymuned import edges
from cymuned.accounts.access import projects_reported_on
from cymuned.definitions.versions import in_force
from cymuned.periods import Quarter, in_words, local_date
from cymuned.portfolio.access import project_for, visible_projects
from cymuned.portfolio.models import Project
from cymuned.portfolio.queries import distinct_values

from . import links
from .charts import change_of, change_sentence, measure_charts, measure_data, series
from .completeness import Status
from .forms import DueForm
from .models import ExpectedReturn, MeasureKind, ReturnLink
from .queries import completeness_by, expected_records, expected_rows, project_rates, projects_without_measures
from .submission import check, current_values, fields_for, submit


def _period(request) -> str:
    chosen = edges.quarter(request.GET.get("period"))
    if chosen is not None:
        return str(chosen)
    latest = ExpectedReturn.objects.order_by("-period").values_list("period", flat=True).first()
    return latest or str(Quarter.containing(local_date()))


PAGE_SIZE = 100  # expected returns in the table, and missing ones listed, on one page


def index(request):
    """Completeness of the period's outcome returns: received on time, late, or missing. The rates
    count every expected return; the table shows one page of them, with access decided for that page
    only (at national scale a period expects 25,000 returns)."""
    period = _period(request)
    projects = visible_projects(request.user)
    rows = expected_rows(period, projects)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(zip(expected_records(list(page.object_list)), page.object_list, strict=True))
    without_measures = projects_without_measures([item.project_id for item, _row in shown])
    editable = _editable(request.user, [item.project_id for item, _row in shown])
    missing = [row for row in rows if row.status is Status.MISSING]
    shown_codes = {row.project_code for row in page.object_list}
    rated = completeness_by(rows, period, projects)
    return render(
        request,
        "outcomes/index.html",
        {
            "period": period,
            "periods": distinct_values(ExpectedReturn, "period", descending=True),
            "page": page,
            "rows": [
                {
                    "item": item,
                    "status": row.status,
                    "can_edit": item.project_id in editable,
                    "no_measures": item.project_id in without_measures,
                }
                for item, row in shown
            ],
            "missing": expected_records(missing[:PAGE_SIZE]),
            "missing_total": len(missing),
            "by_cluster": rated["cluster"],
            "by_provider": rated["provider"],
            "by_project": project_rates(rows, shown_codes),
        },
    )


def _editable(user, project_ids: list[int]) -> set[int]:
    """The projects of one page the person may report on, decided once for the page."""
    clusters_of: dict[int, set[int]] = {pk: set() for pk in project_ids}
    for project, cluster in Project.clusters.through.objects.filter(project_id__in=project_ids).values_list(
        "project_id", "orgunit_id"
    ):
        clusters_of[project].add(cluster)
    return projects_reported_on(user, clusters_of)


def project(request, code: str):
    chosen = project_for(request.user, code)
    recalculate = edges.whole_numbers(request.GET.get("recalculate"))
    blocks = []
    measures = list(chosen.measures.order_by("code"))
    data = measure_data(measures)
    for measure in measures:
        made = measure_charts(measure, recalculate, data=data[measure.pk])
        charts = [
            {"markup": chart_markup.embed(f"chart-{measure.pk}-{i}", chart.spec), "chart": chart, "n": i}
            for i, chart in enumerate(made)
        ]
        change = change_of(measure, data[measure.pk]) if measure.kind == MeasureKind.SCORE else None
        points = series(measure, data[measure.pk])
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


@require_POST
def issue_link(request, code: str, period: str):
    """A new link for the return (revoking the others). When the return's due date has passed so
    long ago that a link would already be dead, the page asks for a new due date first."""
    chosen = project_for(request.user, code, edit=True)
    expected = get_object_or_404(ExpectedReturn, project=chosen, period=period)
    earliest = links.latest_due_for_a_live_link() + datetime.timedelta(days=1)
    form = DueForm(request.POST if "due" in request.POST else None, earliest=earliest)
    context = {"expected": expected, "earliest": earliest, "form": form}
    if form.is_bound:
        if not form.is_valid():
            return render(request, "outcomes/link_window.html", context, status=400)
        expected.due = form.cleaned_data["due"]
        expected._history_user = request.user  # type: ignore[attr-defined]  # read by django-simple-history
        expected._change_reason = "new due date for a provider link"  # type: ignore[attr-defined]
        expected.save()
    try:
        token = links.issue(expected, request.user)
    except links.NothingToReturn:
        messages.error(request, _no_measures(chosen))
        return redirect(f"{reverse('outcomes:index')}?period={period}")
    except links.DeadOnArrival as dead:
        return render(request, "outcomes/link_window.html", {**context, "expired": dead.expires}, status=409)
    url = request.build_absolute_uri(reverse("provide", args=[token]))
    messages.success(
        request,
        _("New link for %(provider)s (shown once; send it to them): %(url)s")
        % {"provider": expected.provider, "url": url},
    )
    return redirect(f"{reverse('outcomes:index')}?period={period}")


@require_POST
def revoke_links(request, code: str, period: str):
    chosen = project_for(request.user, code, edit=True)
    for link in ReturnLink.objects.filter(expected__project=chosen, expected__period=period, revoked_at=None):
        links.revoke(link, request.user)
    messages.success(
        request,
        _("Every link for %(code)s %(period)s is revoked.")
        % {"code": chosen.code, "period": in_words(period, get_language() or "en")},
    )
    return redirect(f"{reverse('outcomes:index')}?period={period}")


@login_not_required
@never_cache
def provide(request, token: str):
    """The provider's form, reached only through its secret link."""
    found = links.resolve(token, request.META.get("REMOTE_ADDR", ""))
    link = found.link
    if not found.live or link is None:
        return _link_refused(request, found)
    expected = link.expected
    fields = fields_for(expected)
    values = current_values(fields)
    errors: dict[str, str] = {}
    saved = False
    if request.method == "POST":
        kinds = in_force("measure-kinds", Quarter.parse(expected.period).end).content["kinds"]
        cleaned, errors = check(fields, request.POST, kinds)
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
            "first_field": fields[0].name if fields else "",
            "saved": saved,
            "expires": found.expires,
        },
        status=400 if errors else 200,
    )


LINK_REFUSED_STATUS = {links.UNKNOWN: 404, links.EXPIRED: 410, links.REVOKED: 410, links.THROTTLED: 429}


def _link_refused(request, found: links.Resolution):
    """Why a link does not open, in English and Welsh, and whom to ask for a new one."""
    link = found.link
    issuer = link.created_by if link else None
    response = render(
        request,
        "outcomes/link_refused.html",
        {
            "state": found.state,
            "expected": link.expected if link else None,
            "expired": found.expires,
            "issuer_name": (issuer.get_full_name() or issuer.get_username()) if issuer else "",
            "issuer_email": issuer.email if issuer else "",
            "contact": getattr(settings, "CYMUNED_PROVIDER_CONTACT", ""),
        },
        status=LINK_REFUSED_STATUS[found.state],
    )
    if found.state == links.THROTTLED:
        response["Retry-After"] = str(links.WRONG_TOKENS_WINDOW)
    return response
