from django.contrib import admin

from cymuned.accounts.admin_access import AccessAdmin

from .models import DecileWeight, Lsoa, PracticeLsoa


@admin.register(DecileWeight)
class DecileWeightAdmin(AccessAdmin):
    list_display = ("decile", "weight")


admin.site.register(Lsoa, AccessAdmin)
admin.site.register(PracticeLsoa, AccessAdmin)
