from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DecileWeight, Lsoa, PracticeLsoa


@admin.register(DecileWeight)
class DecileWeightAdmin(SimpleHistoryAdmin):
    list_display = ("decile", "weight")


admin.site.register(Lsoa)
admin.site.register(PracticeLsoa)
