from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import LeadershipPost, StaffGroup, StaffInPost


@admin.register(StaffGroup)
class StaffGroupAdmin(AccessAdmin):
    list_display = ("code", "name_en", "name_cy", "order", "statswales_column")


@admin.register(StaffInPost)
class StaffInPostAdmin(AccessAdmin):
    list_display = ("unit", "period", "staff_group", "headcount", "fte", "funding_source", "project", "synthetic")
    list_filter = ("period", "staff_group")


@admin.register(LeadershipPost)
class LeadershipPostAdmin(AccessAdmin):
    list_display = ("unit", "role", "profession", "holder", "valid_from", "valid_to", "sessions_per_week")
    list_filter = ("role",)
