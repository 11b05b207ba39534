from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import ListSize, Membership, OrgUnit


class ParentLinkInline(admin.TabularInline):
    model = Membership
    fk_name = "child"
    extra = 0
    autocomplete_fields = ("parent",)
    verbose_name = "parent"


@admin.register(OrgUnit)
class OrgUnitAdmin(AccessAdmin):
    list_display = ("code", "name_en", "name_cy", "kind", "synthetic", "valid_from", "valid_to")
    list_filter = ("kind", "synthetic")
    search_fields = ("code", "name_en", "name_cy")
    inlines = [ParentLinkInline]


@admin.register(Membership)
class MembershipAdmin(AccessAdmin):
    list_display = ("child", "parent", "valid_from", "valid_to")
    list_filter = ("parent__kind", "child__kind")
    search_fields = ("child__code", "parent__code")
    autocomplete_fields = ("child", "parent")


@admin.register(ListSize)
class ListSizeAdmin(AccessAdmin):
    list_display = ("practice", "patients", "as_of")
    search_fields = ("practice__code", "practice__name_en")
    autocomplete_fields = ("practice",)
