from django import forms
from django.utils.translation import gettext_lazy as _

from cymuned.accounts.models import Role
from cymuned.accounts.rules import visible_unit_ids
from cymuned.orgs.models import Kind, OrgUnit

from .models import Committee
from .wording import say


def editable_boards(user):
    """Health boards whose committees the user may add or change: those they edit."""
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).order_by("name_en")
    editable = visible_unit_ids(user, Role.EDITOR)
    return boards if editable is None else boards.filter(pk__in=editable)


class CommitteeForm(forms.ModelForm):
    """The cover details of the paper, remembered for the committee."""

    class Meta:
        model = Committee
        fields = [
            "health_board",
            "name_en",
            "name_cy",
            "meeting_date",
            "title_en",
            "title_cy",
            "lead_director",
            "lead_director_cy",
            "reporting_officer",
            "reporting_officer_cy",
            "for_decision",
        ]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {
            "health_board": _("Health board"),
            "name_en": _("Committee (English)"),
            "name_cy": _("Committee (Welsh)"),
            "meeting_date": _("Date of meeting"),
            "title_en": _("Title of report (English)"),
            "title_cy": _("Title of report (Welsh)"),
            "lead_director": _("Lead director (English)"),
            "lead_director_cy": _("Lead director (Welsh)"),
            "reporting_officer": _("Reporting officer (English)"),
            "reporting_officer_cy": _("Reporting officer (Welsh)"),
            "for_decision": _("For decision (otherwise for information)"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "nhsuk-select")
            elif isinstance(widget, forms.DateInput):
                widget.attrs.setdefault("class", "nhsuk-input nhsuk-input--width-10")
            elif isinstance(widget, forms.TextInput):
                widget.attrs.setdefault("class", "nhsuk-input")
        boards = editable_boards(user)
        self.fields["health_board"].queryset = boards
        self.fields["health_board"].required = True
        if self.instance.pk is None:
            self.initial.setdefault("health_board", boards.first().pk if boards.count() == 1 else None)
            for field, key in (
                ("name_en", ("committee_default", "en")),
                ("name_cy", ("committee_default", "cy")),
                ("title_en", ("title_default", "en")),
                ("title_cy", ("title_default", "cy")),
                ("lead_director", ("lead_director_default", "en")),
                ("lead_director_cy", ("lead_director_default", "cy")),
                ("reporting_officer", ("reporting_officer_default", "en")),
                ("reporting_officer_cy", ("reporting_officer_default", "cy")),
            ):
                self.initial.setdefault(field, say(*key))
