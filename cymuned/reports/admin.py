from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import Committee


@admin.register(Committee)
class CommitteeAdmin(AccessAdmin):
    list_display = ("name_en", "name_cy", "health_board", "meeting_date", "lead_director", "reporting_officer")
    list_filter = ("health_board",)
