from django.contrib import admin

from .admin_access import AccessAdmin
from .models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(AccessAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role", "unit__kind")
    search_fields = ("user__username", "unit__code", "unit__name_en")
    autocomplete_fields = ("unit",)
