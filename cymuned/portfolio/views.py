from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.access import seen_units
from cymuned.accounts.rules import edits_anything, visible_unit_ids
from cymuned.caching import kept
from cymuned.definitions.versions import in_force
from cymuned.orgs.models import Kind, OrgUnit, name_order
from cymuned.panels import panels_for
from cymuned.periods import Quarter, in_words, local_date
from cymuned.portfolio import risk_grid
from cymuned.spreadsheets import download

from .access import may_change, may_edit, project_for, visible_projects
from .changes import COLUMNS, ReturnValues
from .changes import changes as changes_between
from .fields import check, read_return
from .listing import Filters, portfolio, shared_project_ids
from .models import MonitoringReturn, PriorityCondition, Project, State
from .monitoring import quarter_summary
from .projects import project_changes
from .queries import changed_since_previous, cluster_codes_by_project, coverage, default_period, distinct_values
from .rag import Rag, Trend
from .returns import EDITABLE_FIELDS, StaleEdit, assessment_of, save_return, thresholds_for

PAGE_SIZE = 100
FLAGGED_PAGE_SIZE = 100
# More clusters than this and the cluster filter is typed, with suggestions as the person types: a
# select of every cluster (1,250 on the bench's national data set, 5,000 at four times) was over a
# third of the portfolio's bytes and grew with the data. Wales has 60, so people see the select.
CLUSTERS_LISTED = 100
CLUSTER_SUGGESTIONS = 20
CHANGES_PAGE_SIZE = 50


def _coverage(request, projects, quarter: Quarter):
    """The quarter's coverage line, kept per data version: the default quarter is chosen by it, and
    the page then shows the same one without counting again."""
    return kept(request.user, "portfolio:coverage", lambda: coverage(quarter, projects), str(quarter))


def _period(request, projects) -> str:
    chosen = edges.quarter(request.GET.get("period"))
    if chosen is not None:
        return str(chosen)
    found = kept(
        request.user,
        "portfolio:default-period",
        lambda: default_period(projects, coverage_of=lambda quarter: _coverage(request, projects, quarter)),
    )
    return found or str(Quarter.containing(local_date()))


def _choices(request):
    """The filters' option lists: kept once per data version (cymuned.caching.kept), since a national
    list holds every cluster, theme and period in Wales and only a change to the data changes them."""
    return {
        **kept(request.user, "portfolio:choices", lambda: _option_lists(request.user)),
        "conditions": [(c.value or "none", c.label) for c in PriorityCondition],
        "states": State.choices,
        "rags": Rag.choices,
        "trends": Trend.choices,
    }


def _option_lists(user) -> dict[str, Any]:
    """The lists the data decides (units, themes, periods); the fixed choices need no keeping."""
    visible = visible_unit_ids(user)

    def units(kind, most: int | None = None) -> list[tuple[str, str]]:
        """(code, name in the page's language): plain pairs, since a kept value is pickled and a
        national list of model instances cost more to pickle than to read."""
        found = OrgUnit.objects.of_kind(kind).order_by(*name_order())
        if visible is not None:  # read once for every list (seen_units would read it for each)
            found = found.filter(pk__in=visible)
        named = OrgUnit.name_in_language
        return [(code, named(en, cy)) for code, en, cy in found.values_list("code", "name_en", "name_cy")[:most]]

    clusters = units(Kind.CLUSTER, most=CLUSTERS_LISTED + 1)

    projects = visible_projects(user)
    themes = (
        distinct_values(Project, "theme")
        if visible is None
        else projects.order_by("theme").values_list("theme", flat=True).distinct()
    )
    return {
        "health_boards": units(Kind.HEALTH_BOARD),
        "counties": units(Kind.COUNTY),
        # None: too many to list, so the filter is typed (see cluster_options)
        "clusters": clusters if len(clusters) <= CLUSTERS_LISTED else None,
        "neighbourhoods": units(Kind.NEIGHBOURHOOD),
        # A theme in the reader's language where the catalogue has it; the English value is what is sent.
        "themes": [(theme, _(theme)) for theme in themes if theme],
        # periods are not secret; listing them from the index alone keeps this fast
        "periods": distinct_values(MonitoringReturn, "period", descending=True),
    }


EXPORT_COLUMNS = [
    "code",
    "name",
    "clusters",
    "theme",
    "priority_condition",
    "state",
    "annual_budget_gbp",
    "period",
    "status",
    "trend",
]


def _seen_clusters(user):
    return seen_units(user, OrgUnit.objects.of_kind(Kind.CLUSTER))


def _cluster_code(user, typed: str) -> str | None:
    """The code of the cluster the person typed, by its code or its whole name in either language (a
    code first); None when no cluster they may see has it."""
    found = _seen_clusters(user).filter(Q(code__iexact=typed) | Q(name_en__iexact=typed) | Q(name_cy__iexact=typed))
    codes = list(found.order_by("code").values_list("code", flat=True))
    return next((code for code in codes if code.casefold() == typed.casefold()), codes[0] if codes else None)


def cluster_options(request):
    """The typed cluster filter's suggestions: the <option>s of its <datalist>, up to
    CLUSTER_SUGGESTIONS clusters the person may see whose code or name holds what they typed."""
    typed = " ".join(request.GET.get("cluster", "").split())[:100]
    found = _seen_clusters(request.user)
    if typed:
        found = found.filter(Q(code__icontains=typed) | Q(name_en__icontains=typed) | Q(name_cy__icontains=typed))
    named = OrgUnit.name_in_language
    rows = found.order_by(*name_order()).values_list("code", "name_en", "name_cy")[:CLUSTER_SUGGESTIONS]
    return render(
        request,
        "portfolio/_cluster_options.html",
        {"options": [(code, named(en, cy)) for code, en, cy in rows]},
    )


def index(request):
    projects = visible_projects(request.user)
    filters = Filters.from_query(request.GET, _period(request, projects))
    cluster_unknown = False
    if filters.cluster:
        code = _cluster_code(request.user, filters.cluster)
        cluster_unknown = code is None
        filters.cluster = code or filters.cluster
    rows = portfolio(projects, filters)
    if filters.q and not request.GET.get("download"):
        exact = projects.filter(code__iexact=filters.q).values_list("code", flat=True).first()
        if exact:  # a code typed in the header's search opens its project
            return redirect("portfolio:project", code=exact)
    fmt = edges.choice(request.GET.get("download"), ("csv", "xlsx"), None)
    if fmt is not None:
        listed = list(rows)
        clusters = cluster_codes_by_project([p.pk for p in listed])
        return download(
            f"projects-{filters.period}",
            EXPORT_COLUMNS,
            (
                [
                    p.code,
                    p.name,
                    ";".join(clusters.get(p.pk, ())),
                    p.theme,
                    p.priority_condition,
                    p.state,
                    p.annual_budget_gbp,
                    filters.period,
                    p.status or "",
                    p.trend or "",
                ]
                for p in listed
            ),
            fmt,
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    clusters = cluster_codes_by_project([p.pk for p in page])
    shared = shared_project_ids(rows, filters.neighbourhood) if filters.neighbourhood else set()
    for project in page:
        project.cluster_codes = clusters.get(project.pk, ())
        project.shared = project.pk in shared
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("download", None)
    return render(
        request,
        "portfolio/index.html",
        {
            "page": page,
            "filters": filters,
            "shared_count": len(shared),
            "query": query.urlencode(),
            "filtering": any(query.get(k) for k in Filters.__dataclass_fields__ if k not in ("period", "sort")),
            "can_create": edits_anything(request.user),
            "cluster_unknown": cluster_unknown,
            "coverage": _coverage(request, projects, Quarter.parse(filters.period)),
            **_choices(request),
        },
    )


def project_detail(request, code: str):
    project = project_for(request.user, code)
    returns = list(project.returns.order_by("-period"))
    # the trend stored with each return: the same one the list, the summary and the paper read
    history = [{"item": item, "reasons": assessment_of(item).reasons, "trend": item.trend} for item in returns]
    chosen = edges.quarter(request.GET.get("period")) or (Quarter.parse(returns[0].period) if returns else None)
    return render(
        request,
        "portfolio/project.html",
        {
            "project": project,
            "clusters": list(project.clusters.all()),
            "history": history,
            "can_edit": may_edit(request.user, project),
            "can_change": may_change(request.user, project),
            "changes": project_changes(project)[:100],
            "panels": panels_for("project", request, project),
            "since_last": _since_last_quarter(returns, chosen),
            "next_period": str(Quarter.parse(returns[0].period).next())
            if returns
            else str(Quarter.containing(local_date())),
        },
    )


def _since_last_quarter(returns: list[MonitoringReturn], chosen: Quarter | None) -> dict | None:
    """The project page's "Changes since last quarter": the chosen quarter's return against the one
    before it, or which of the two is missing."""
    if chosen is None:
        return None
    by_period = {item.period: item for item in returns}
    now, before = by_period.get(str(chosen)), by_period.get(str(chosen.previous()))
    found: dict[str, Any] = {"period": str(chosen), "previous": str(chosen.previous()), "now": now, "before": before}
    if now is not None and before is not None:
        found["changes"] = changes_between(
            ReturnValues.of({c: getattr(before, c) for c in COLUMNS}),
            ReturnValues.of({c: getattr(now, c) for c in COLUMNS}),
        )
    return found


def changes(request):
    """The portfolio's returns that changed since the previous quarter, for the projects the person
    may see (as the list shows them), with the before and after of each change."""
    projects = visible_projects(request.user)
    period = _period(request, projects)
    chosen = Quarter.parse(period)
    rows = changed_since_previous(chosen, projects)
    page = Paginator(rows, CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
    clusters = cluster_codes_by_project([row["pk"] for row in page])
    listed = [
        SimpleNamespace(
            code=row["code"],
            name=row["name"],
            name_cy=row["name_cy"],
            clusters=clusters.get(row["pk"], ()),
            changes=changes_between(
                ReturnValues.of({c: row[f"before__{c}"] for c in COLUMNS}),
                ReturnValues.of({c: row[f"now__{c}"] for c in COLUMNS}),
            ),
        )
        for row in page
    ]
    return render(
        request,
        "portfolio/changes.html",
        {
            "page": page,
            "rows": listed,
            "period": period,
            "previous": str(chosen.previous()),
            # periods are not secret; listing them from the index alone keeps this fast
            "periods": list(MonitoringReturn.objects.order_by("-period").values_list("period", flat=True).distinct()),
        },
    )


def quarter(request, period: str):
    chosen = edges.quarter(period)
    if chosen is None:
        raise Http404
    period = str(chosen)
    page_number = edges.whole_number(request.GET.get("flagged_page"), 1, minimum=1, maximum=10**9)
    start = (page_number - 1) * FLAGGED_PAGE_SIZE
    summary = quarter_summary(
        chosen, visible=visible_unit_ids(request.user), flagged_window=slice(start, start + FLAGGED_PAGE_SIZE)
    )
    flagged_page = Paginator(range(summary.flagged_total or 0), FLAGGED_PAGE_SIZE).get_page(page_number)
    zones = in_force("risk-grid", chosen.end).content["zones"]  # the grid's areas as in force then
    grid_rows = [
        (
            trend_key,
            label,
            [
                (
                    rag,
                    summary.grid[trend_key][rag],
                    zones[trend_key][rag],
                    risk_grid.zone(zones[trend_key][rag]).label,
                    risk_grid.cell_text(summary.grid[trend_key][rag], trend_key, rag),
                )
                for rag in ("green", "amber", "red")
            ],
        )
        for trend_key, label in (
            (Trend.WORSENING, Trend.WORSENING.label),
            (Trend.STABLE, Trend.STABLE.label),
            (Trend.IMPROVING, Trend.IMPROVING.label),
        )
    ]
    return render(
        request,
        "portfolio/quarter.html",
        {
            "summary": summary,
            "period": period,
            "grid_rows": grid_rows,
            "flagged_page": flagged_page,
            "list_url": reverse("portfolio:index"),
        },
    )


FORM_FIELDS = list(EDITABLE_FIELDS)
# Optional Welsh text, only on the form (files carry the English): used by Welsh pages and papers.
WELSH_FIELDS = {"narrative_cy": 10000, "override_reason_cy": 2000}


def return_form(request, code: str, period: str):
    project = project_for(request.user, code, edit=True)
    try:
        period = str(Quarter.parse(period))
    except ValueError:
        raise Http404 from None
    existing = MonitoringReturn.objects.filter(project=project, period=period).first()
    problems: dict[str, list[str]] = {}
    values = (
        {
            name: "" if getattr(existing, name, None) is None else getattr(existing, name)
            for name in (*FORM_FIELDS, *WELSH_FIELDS)
        }
        if existing
        else {}
    )
    stale = None
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in FORM_FIELDS}
        welsh = {name: request.POST.get(name, "").strip()[:limit] for name, limit in WELSH_FIELDS.items()}
        parsed, problems = check(read_return, {**values, "project_code": project.code, "period": period})
        values.update(welsh)
        if parsed is not None:
            item = existing or MonitoringReturn(project=project, period=period)
            for name in FORM_FIELDS:
                setattr(item, name, getattr(parsed, name))
            for name, text in welsh.items():
                setattr(item, name, text)
            try:
                # a version that is not a number matches no saved version: shown as a conflict
                version = edges.whole_number(request.POST.get("version") or "0", -1)
                save_return(item, request.user, version if existing else None)
            except StaleEdit as refused:
                stale = refused.current
                messages.error(
                    request,
                    _(
                        "Not saved: someone else changed this return while you were editing it. Their values are shown below; make your change again."
                    ),
                )
                values = {
                    name: "" if getattr(stale, name) is None else getattr(stale, name)
                    for name in (*FORM_FIELDS, *WELSH_FIELDS)
                }
                existing = stale
            else:
                messages.success(
                    request, _("Return for %(period)s saved.") % {"period": in_words(period, get_language() or "en")}
                )
                return redirect("portfolio:project", code=project.code)
    limits = thresholds_for(period).shown  # the rules in force for the quarter, as the hints state them
    return render(
        request,
        "portfolio/return_form.html",
        {
            "project": project,
            "period": period,
            "values": values,
            "problems": problems,
            "existing": existing,
            "version": existing.version if existing else 0,
            # labels with a per cent sign come from here: a template's _("…%…") would double it
            "field_labels": {
                name: getattr(MonitoringReturn._meta.get_field(name), "verbose_name", name)
                for name in (*FORM_FIELDS, *WELSH_FIELDS)
            },
            "labels": {
                "target": _("Target attainment (%)"),
                "target_hint": _(
                    "Blank if not assessed. %(green)s or more is on target; %(amber)s to under %(green)s is "
                    "within %(margin)s%%."
                )
                % {
                    "green": limits["green_target_pct"],
                    "amber": limits["amber_target_pct"],
                    "margin": limits["target_margin_pct"],
                },
                "forecast_hint": _("An overspend of more than %(limit)s%% is red.")
                % {"limit": limits["amber_overspend_pct"]},
            },
            "choice_sets": {
                "quality": MonitoringReturn._meta.get_field("quality").choices,
                "resources": MonitoringReturn._meta.get_field("resources").choices,
                "stakeholders": MonitoringReturn._meta.get_field("stakeholders").choices,
                "rag_override": Rag.choices,
            },
        },
        status=409 if stale else (400 if problems else 200),
    )
