"""The admin asks the same access rules as every other route: what a person sees in a list, opens,
changes, adds or deletes is decided by `cymuned.accounts.access`, not by staff status or model
permissions. Records with a `version` are saved only over the version the form was opened at."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .access import (
    Need,
    holds_any_role,
    is_national_administrator,
    may,
    may_change_record,
    may_see_record,
    need_of,
    parents_now,
    record_kind,
    scope,
)
from .rules import edits_anything

STALE = gettext_lazy(
    "Not saved: someone else changed this record since you opened it. Open it again to see their "
    "change, then make yours."
)


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the form was opened at and refuses a stale save."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None:
            opened = data.get("opened_version")
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if opened is None or opened != current:
                raise forms.ValidationError(STALE, code="stale")
        return data


def versioned(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """The form with optimistic locking added."""
    return type(f"Versioned{form_class.__name__}", (VersionedAdminForm, form_class), {})


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A list filter on a related record offers only the records the person may see."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        seen = scope(request.user, field.related_model).values("pk")
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to={"pk__in": seen})


class AccessAdmin(SimpleHistoryAdmin):
    """A model admin whose every decision comes from the access rules."""

    def _national(self) -> bool:
        kind = record_kind(self.model)
        return kind is None or kind.national or kind.need is Need.NATIONAL

    # -- what is listed and opened -----------------------------------------------------------
    def get_queryset(self, request):
        return scope(request.user, self.model, super().get_queryset(request))

    def has_module_permission(self, request):
        return holds_any_role(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return holds_any_role(request.user)
        return may_see_record(request.user, obj)

    # -- what is changed ----------------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        if obj is None:
            return is_national_administrator(request.user) if self._national() else edits_anything(request.user)
        return may_see_record(request.user, obj) and may_change_record(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return is_national_administrator(request.user) if self._national() else edits_anything(request.user)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def units_after(self, obj, form) -> list:
        """The units the record will belong to once saved, read from the new values."""
        kind = record_kind(self.model)
        if kind is None or not kind.path:
            return []
        head, *rest = kind.path.split("__")
        if head == "clusters":
            return list(form.cleaned_data.get("clusters") or [])
        target = getattr(obj, head, None)
        if target is None:
            return []
        if head in ("child", "practice"):
            # a practice's records belong to its cluster and neighbourhood; a new link to its new parent
            parent = getattr(obj, "parent", None)
            return [*parents_now(target), *([parent] if parent is not None else [])]
        for step in rest[:-1] if rest and rest[-1] == "clusters" else rest:
            target = getattr(target, step)
        return list(target.clusters.all()) if rest and rest[-1] == "clusters" else [target]

    def save_model(self, request, obj, form, change):
        then = self.units_after(obj, form)
        if change:
            before = type(obj)._default_manager.get(pk=obj.pk)
            allowed = may_change_record(request.user, before, then)
        else:
            need = need_of(obj)
            allowed = (
                may(request.user, need, (), then)
                if then and need is not Need.NATIONAL
                else (is_national_administrator(request.user))
            )
        if not allowed:
            raise PermissionDenied
        if change and hasattr(obj, "version"):
            opened = form.cleaned_data.get("opened_version")
            claimed = type(obj).objects.filter(pk=obj.pk, version=opened).update(version=F("version") + 1)
            if not claimed:
                messages.error(request, STALE)
                raise PermissionDenied
            obj.version = opened + 1
        self.write(request, obj, form, change)

    def write(self, request, obj, form, change):
        """Save the checked record; a model with its own save path (returns) says so here."""
        super().save_model(request, obj, form, change)

    def get_list_filter(self, request):
        scoped = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and "__" not in entry:
                model_field = self.model._meta.get_field(entry)
                if model_field.is_relation:
                    entry = (entry, ScopedRelatedFilter)
            scoped.append(entry)
        return scoped

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # a choice of units, projects… is a choice among those the person may see
        kwargs.setdefault("queryset", scope(request.user, db_field.related_model))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", scope(request.user, db_field.related_model))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if hasattr(model, "version") and not issubclass(self.form, VersionedAdminForm):
            self.form = versioned(self.form)
