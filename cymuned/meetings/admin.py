from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import Attendance, Meeting, ProjectDecision


@admin.register(Meeting)
class MeetingAdmin(AccessAdmin):
    list_display = ("date", "kind", "unit", "title")
    list_filter = ("kind",)


@admin.register(Attendance)
class AttendanceAdmin(AccessAdmin):
    list_display = ("meeting", "practice", "profession", "name")


@admin.register(ProjectDecision)
class ProjectDecisionAdmin(AccessAdmin):
    list_display = ("meeting", "project", "decision")
