from django import forms
from django.utils.translation import gettext_lazy as _

from cymuned.accounts.models import Role
from cymuned.accounts.rules import visible_unit_ids
from cymuned.orgs.models import Kind, OrgUnit, name_order

from .models import Committee
from .paper_details import GROUPS, KEYS, LABELS, cleaned


def editable_boards(user):
    """Health boards whose committees the user may add or change: those they edit."""
    boards = OrgUnit.objects.of_kind(Kind.HEALTH_BOARD).order_by(*name_order())
    editable = visible_unit_ids(user, Role.EDITOR)
    return boards if editable is None else boards.filter(pk__in=editable)


class DetailsMixin(forms.ModelForm):
    """The objectives, further information and impact of the paper (paper_details), one English and
    one Welsh box each, remembered in the committee's `paper_details`."""

    def add_detail_fields(self) -> None:
        stored = cleaned(self.instance.paper_details)
        for key in KEYS:
            welsh, english = LABELS[key]
            group = " / ".join(GROUPS[key])
            for lang, label, suffix in (("en", english, _("English")), ("cy", welsh, _("Welsh"))):
                name = f"detail_{key}_{lang}"
                self.fields[name] = forms.CharField(
                    label=f"{label.format(committee_en=_('the committee'), committee_cy='y pwyllgor')} ({suffix})",
                    required=False,
                    max_length=2000,
                    help_text=group,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "nhsuk-textarea"}),
                )
                self.initial.setdefault(name, stored[key][lang])

    def details(self) -> dict:
        return {
            key: {lang: self.cleaned_data.get(f"detail_{key}_{lang}", "").strip() for lang in ("en", "cy")}
            for key in KEYS
        }

    def save(self, commit=True):
        self.instance.paper_details = self.details()
        return super().save(commit)


class CommitteeForm(DetailsMixin, forms.ModelForm):
    """The cover details of the paper and its objectives, further information and impact, remembered
    for the committee. A new committee starts empty: nobody's name is filled in for them."""

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
        self.fields["meeting_date"].required = True
        self.add_detail_fields()
        _style(self)
        boards = editable_boards(user)
        self.fields["health_board"].queryset = boards
        self.fields["health_board"].required = True
        if self.instance.pk is None:
            self.initial.setdefault("health_board", boards.first().pk if boards.count() == 1 else None)


class PaperDetailsForm(DetailsMixin, forms.ModelForm):
    """On the paper's page: the date of the meeting (required) and the objectives, further
    information and impact for this paper, remembered for the committee's next paper."""

    class Meta:
        model = Committee
        fields = ["meeting_date"]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"meeting_date": _("Date of meeting")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].required = True
        self.add_detail_fields()
        _style(self)


def _style(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "nhsuk-select")
        elif isinstance(widget, forms.DateInput):
            widget.attrs.setdefault("class", "nhsuk-input nhsuk-input--width-10")
        elif isinstance(widget, forms.TextInput):
            widget.attrs.setdefault("class", "nhsuk-input")
