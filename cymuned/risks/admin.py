from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import DatixUnit, Risk, RiskAction


@admin.register(Risk)
class RiskAdmin(AccessAdmin):
    list_display = ("reference", "title", "unit", "owner", "likelihood", "consequence", "review_date", "status")
    list_filter = ("status",)
    search_fields = ("reference", "title", "owner")


@admin.register(RiskAction)
class RiskActionAdmin(AccessAdmin):
    list_display = ("risk", "description", "owner", "due", "status")


@admin.register(DatixUnit)
class DatixUnitAdmin(AccessAdmin):
    list_display = ("datix_name", "unit")
    search_fields = ("datix_name",)
