from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .changes import as_change, changes_for, recent_changes, tracked_models


def _staff_only(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


def index(request):
    """Recent changes to everything, for administrators."""
    _staff_only(request)
    models = tracked_models()
    chosen_label = request.GET.get("model", "")
    chosen = [m for m in models if m._meta.label == chosen_label] or None
    username = request.GET.get("user", "").strip()
    return render(
        request,
        "audit/index.html",
        {
            "changes": recent_changes(chosen, username=username, limit=200),
            "models": [(m._meta.label, m._meta.verbose_name) for m in models],
            "chosen_label": chosen_label,
            "username": username,
        },
    )


def object_history(request, label: str, pk: str):
    _staff_only(request)
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model not in tracked_models():
        raise Http404
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
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
