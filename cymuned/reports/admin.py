from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Committee


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "name_cy", "health_board", "meeting_date", "lead_director", "reporting_officer")
    list_filter = ("health_board",)
