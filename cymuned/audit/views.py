"""The history pages: every recorded change a person may see, scoped by their roles like every other
page (the decisions are in `cymuned.accounts.access`; staff status alone grants nothing)."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render

from cymuned.accounts.access import holds_any_role, is_national_administrator, scope
from cymuned.accounts.rules import require

from .changes import as_change, changes_for, recent_changes, tracked_models


def history_scope(user):
    """Limits a model's history records to those of the objects the person may see now; the records
    of deleted objects are for national administrators."""

    def limit(model, history):
        if is_national_administrator(user):
            return history
        return history.filter(**{f"{model._meta.pk.attname}__in": scope(user, model).values("pk")})

    return limit


def index(request):
    """Recent changes to what the person may see."""
    require(holds_any_role(request.user))
    models = tracked_models()
    chosen_label = request.GET.get("model", "")
    chosen = [m for m in models if m._meta.label == chosen_label] or None
    username = request.GET.get("user", "").strip()
    return render(
        request,
        "audit/index.html",
        {
            "changes": recent_changes(chosen, username=username, limit=200, scope=history_scope(request.user)),
            "models": [(m._meta.label, m._meta.verbose_name) for m in models],
            "chosen_label": chosen_label,
            "username": username,
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
        records = manager.filter(**{model._meta.pk.attname: pk}).order_by("-history_date")
        if not records:
            raise Http404
        listed = list(records)
        changes = [as_change(r, listed[i + 1] if i + 1 < len(listed) else None) for i, r in enumerate(listed)]
    else:
        changes = changes_for(instance)
    return render(
        request,
        "audit/object.html",
        {"changes": changes, "model": model._meta.verbose_name, "pk": pk},
    )
