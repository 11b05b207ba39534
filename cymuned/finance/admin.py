from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import Budget, SpendLine


@admin.register(Budget)
class BudgetAdmin(AccessAdmin):
    list_display = ("cluster", "financial_year", "budget_gbp")
    list_filter = ("financial_year",)


@admin.register(SpendLine)
class SpendLineAdmin(AccessAdmin):
    list_display = ("cluster", "financial_year", "month", "project", "amount_gbp")
    list_filter = ("financial_year", "cluster")
