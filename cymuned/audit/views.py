"""The history pages: every recorded change a person may see, scoped by their roles like every other
page (the decisions are in `cymuned.accounts.access`; staff status alone grants nothing)."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.access import holds_any_role, is_national_administrator, scope, within_units
from cymuned.accounts.rules import require
from cymuned.orgs.hierarchy import descendant_ids
from cymuned.orgs.models import OrgUnit

from .changes import Cursor, Filters, changes_for, history_of, page_of_changes, tracked_models


def history_scope(user, unit_ids: set[int] | None = None):
    """Limits a model's history records to those of the objects the person may see now (the
    records of deleted objects are for national administrators) and, given units, to those of the
    objects that belong to them."""

    def limit(model, history):
        attname = model._meta.pk.attname
        if not is_national_administrator(user):
            history = history.filter(**{f"{attname}__in": scope(user, model).values("pk")})
        if unit_ids is not None:
            history = history.filter(**{f"{attname}__in": within_units(model, unit_ids).values("pk")})
        return history

    return limit


def index(request):
    """The changes to what the person may see, newest first, a page at a time (each page's link to
    the next, older one carries where it begins: `after`, see `changes.Cursor`); filtered by kind of
    record, person, dates (in Wales, inclusive) and organisation unit (the unit and all beneath it)."""
    require(holds_any_role(request.user))
    query = request.GET
    models = tracked_models()
    chosen_label = (query.get("model") or "").strip()
    chosen = tuple(m for m in models if m._meta.label == chosen_label)
    username = (query.get("user") or "").strip()[: edges.MAX_TEXT]
    since, until = edges.iso_date(query.get("from")), edges.iso_date(query.get("to"))
    problems = []
    if (query.get("from") or "").strip() and since is None:
        problems.append(_("The first date is not a date: write it as 2025-04-01."))
    if (query.get("to") or "").strip() and until is None:
        problems.append(_("The last date is not a date: write it as 2025-06-30."))
    if since and until and since > until:
        problems.append(_("The first date is after the last."))
    unit_code = (query.get("unit") or "").strip()[: edges.MAX_TEXT]
    unit_ids = None
    if unit_code:
        unit = OrgUnit.objects.filter(code__iexact=unit_code).first()
        if unit is None or not scope(request.user, OrgUnit).filter(pk=unit.pk).exists():
            # a unit the person may not see reads exactly like an unknown one
            problems.append(_("No organisation unit has the code %(code)s.") % {"code": unit_code})
            unit_ids = set()
        else:
            unit_ids = descendant_ids([unit.pk], timezone.localdate())
    filters = Filters(kinds=chosen or None, username=username, since=since, until=until)
    page, changes = page_of_changes(filters, history_scope(request.user, unit_ids), Cursor.parse(query.get("after")))
    kept = query.copy()
    kept.pop("after", None)
    older = kept.copy()
    if page.older is not None:
        older["after"] = page.older.encode()
    return render(
        request,
        "audit/index.html",
        {
            "page": page,
            "changes": changes,
            "models": [(m._meta.label, m._meta.verbose_name) for m in models],
            "chosen_label": chosen_label,
            "username": username,
            "since": query.get("from", "")[: edges.MAX_TEXT],
            "until": query.get("to", "")[: edges.MAX_TEXT],
            "unit_code": unit_code,
            "problems": problems,
            "query": kept.urlencode(),
            "older_query": older.urlencode() if page.older is not None else "",
        },
    )


def object_history(request, label: str, pk: str):
    require(holds_any_role(request.user))
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model not in tracked_models():
        raise Http404
    try:
        instance = scope(request.user, model).filter(pk=pk).first()
    except (ValueError, TypeError):
        raise Http404 from None
    if instance is None:
        # not there, or not theirs: both read the same; deleted objects are for national administrators
        if not is_national_administrator(request.user):
            raise Http404
        manager = model.history  # type: ignore[attr-defined]  # django-simple-history's manager
        records = manager.filter(**{model._meta.pk.attname: pk})
        if not records.exists():
            raise Http404
        changes = history_of(model, records)
    else:
        changes = changes_for(instance)
    return render(
        request,
        "audit/object.html",
        {"changes": changes, "model": model._meta.verbose_name, "pk": pk},
    )
