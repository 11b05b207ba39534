from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import MonitoringReturn, Project
from .returns import apply_rules


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "theme", "priority_condition", "state", "annual_budget_gbp")
    list_filter = ("state", "priority_condition", "clusters")
    search_fields = ("code", "name", "theme")
    filter_horizontal = ("clusters",)


@admin.register(MonitoringReturn)
class MonitoringReturnAdmin(SimpleHistoryAdmin):
    list_display = ("project", "period", "status", "computed_rag", "rag_override", "updated_at")
    list_filter = ("period", "status")
    search_fields = ("project__code", "project__name")
    readonly_fields = ("computed_rag", "status", "entered_by")

    def save_model(self, request, obj, form, change):
        apply_rules(obj)  # the same rules as the form and the import
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)
