"""The new due date asked for before a provider link is made for a return long past due."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from cymuned.periods import local_date


class DueForm(forms.Form):
    due = forms.DateField(label=_("New due date"), input_formats=["%Y-%m-%d"])

    def __init__(self, *args, earliest: datetime.date, **kwargs):
        kwargs.setdefault("auto_id", "%s")  # the page's own HTML names each input's id by its field
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        # one message for a missing, unreadable or too early date: it says what is wanted
        message = _("Enter a due date on or after %(date)s, like %(example)s") % {
            "date": f"{earliest:%Y-%m-%d}",
            "example": f"{local_date():%Y-%m-%d}",
        }
        self.fields["due"].error_messages.update(required=message, invalid=message)
        self.message = message

    def clean_due(self):
        due = self.cleaned_data["due"]
        if due < self.earliest:
            raise forms.ValidationError(self.message)
        return due
