from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import ExpectedReturn, Measure, MeasureValue, Provider


@admin.register(Provider)
class ProviderAdmin(AccessAdmin):
    list_display = ("name", "email", "synthetic")


@admin.register(Measure)
class MeasureAdmin(AccessAdmin):
    list_display = ("project", "code", "name_en", "kind", "frequency", "direction", "target")
    list_filter = ("kind", "frequency")


@admin.register(MeasureValue)
class MeasureValueAdmin(AccessAdmin):
    list_display = ("measure", "period", "category", "value")


@admin.register(ExpectedReturn)
class ExpectedReturnAdmin(AccessAdmin):
    list_display = ("project", "period", "provider", "due", "first_submitted_at")
    list_filter = ("period",)
