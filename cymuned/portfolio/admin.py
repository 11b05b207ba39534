from django import forms
from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .fields import check, read_project, read_return
from .models import MonitoringReturn, Project
from .project_views import FIELDS as PROJECT_FORM_FIELDS
from .returns import EDITABLE_FIELDS, store_return


class SharedRulesForm(forms.ModelForm):
    """Checks the admin's values with the rules of the import and the pages, too."""

    def shared_values(self, data) -> dict:
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if not self.errors:
            _, problems = check(self.reader, self.shared_values(data))
            for column, messages in problems.items():
                for message in messages:
                    self.add_error(column if column in self.fields else None, message)
        return data


class ProjectForm(SharedRulesForm):
    reader = staticmethod(read_project)

    class Meta:
        model = Project
        fields = (*PROJECT_FORM_FIELDS, "clusters")

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def shared_values(self, data) -> dict:
        names = ("code", "name", "theme", "priority_condition", "start_date", "end_date", "annual_budget_gbp")
        values = {name: data.get(name) for name in names}
        values["clusters"] = ";".join(c.code for c in data.get("clusters") or [])
        return values


class ReturnForm(SharedRulesForm):
    reader = staticmethod(read_return)

    class Meta:
        model = MonitoringReturn
        fields = ("project", "period", *EDITABLE_FIELDS)

    def shared_values(self, data) -> dict:
        project = data.get("project")
        return {
            "project_code": project.code if project else "",
            "period": data.get("period"),
            **{name: data.get(name) for name in EDITABLE_FIELDS},
        }


@admin.register(Project)
class ProjectAdmin(AccessAdmin):
    form = ProjectForm
    list_display = ("code", "name", "theme", "priority_condition", "state", "annual_budget_gbp")
    list_filter = ("state", "priority_condition", "clusters")
    search_fields = ("code", "name", "theme")
    filter_horizontal = ("clusters",)


@admin.register(MonitoringReturn)
class MonitoringReturnAdmin(AccessAdmin):
    form = ReturnForm
    list_display = ("project", "period", "status", "computed_rag", "rag_override", "updated_at")
    list_filter = ("period", "status")
    search_fields = ("project__code", "project__name")
    readonly_fields = ("computed_rag", "status", "previous_status", "trend", "entered_by")
    list_select_related = ("project",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)

    def write(self, request, obj, form, change):
        store_return(obj, request.user)  # the same rules and trend as the form and the import
