from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role", "unit__kind")
    search_fields = ("user__username", "unit__code", "unit__name_en")
    autocomplete_fields = ("unit",)
