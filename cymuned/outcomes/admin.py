from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExpectedReturn, Measure, MeasureValue, Provider


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ("name", "email", "synthetic")


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("project", "code", "name_en", "kind", "frequency", "direction", "target")
    list_filter = ("kind", "frequency")


@admin.register(MeasureValue)
class MeasureValueAdmin(SimpleHistoryAdmin):
    list_display = ("measure", "period", "category", "value")


@admin.register(ExpectedReturn)
class ExpectedReturnAdmin(SimpleHistoryAdmin):
    list_display = ("project", "period", "provider", "due", "first_submitted_at")
    list_filter = ("period",)
