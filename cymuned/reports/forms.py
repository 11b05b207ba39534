from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Committee


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = [
            "name_en",
            "name_cy",
            "meeting_date",
            "title_en",
            "title_cy",
            "lead_director",
            "reporting_officer",
            "for_decision",
        ]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"name_en": _("Committee (English)"), "name_cy": _("Committee (Welsh)")}
