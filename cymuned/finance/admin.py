from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Budget, SpendLine


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ("cluster", "financial_year", "budget_gbp")
    list_filter = ("financial_year",)


@admin.register(SpendLine)
class SpendLineAdmin(SimpleHistoryAdmin):
    list_display = ("cluster", "financial_year", "month", "project", "amount_gbp")
    list_filter = ("financial_year", "cluster")
