from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear

from .indicators import indicator_names
from .models import EQUITY_QUESTIONS, Decision, Proposal
from .rules import submission_problems

ANSWERS = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("Not sure"))]


class ProposalForm(forms.ModelForm):
    clusters = forms.ModelMultipleChoiceField(
        queryset=OrgUnit.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Clusters served")
    )
    first_year_cost = forms.DecimalField(
        label=_("Cost in the first year (£)"), min_value=0, max_digits=14, decimal_places=2
    )
    years = forms.IntegerField(label=_("Years funded"), min_value=1, max_value=10, initial=3)
    recurrent = forms.BooleanField(label=_("Recurrent cost"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "code",
            "title_en",
            "title_cy",
            "clusters",
            "need",
            "need_indicators",
            "priority_condition",
            "priority_exception",
            "additional_to_contract",
            "additionality",
            "outcome_measures",
            "evaluation_plan",
            "exit_strategy",
            "partners",
            "equity_notes",
        ]

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = (
            clusters if clusters is not None else OrgUnit.objects.filter(kind=Kind.CLUSTER)
        )
        # The need links to population indicators when the dashboard's definitions are loaded.
        names = indicator_names()
        if names:
            self.fields["need_indicators"] = forms.MultipleChoiceField(
                label=_("Population indicators showing the need"),
                help_text=_(
                    "The Key Indicator Dashboard's figures for the clusters served are linked from the proposal."
                ),
                choices=list(names.items()),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            if self.instance and self.instance.pk:
                self.fields["need_indicators"].initial = list(self.instance.need_indicators)
        else:
            del self.fields["need_indicators"]
        for code, question in EQUITY_QUESTIONS:
            self.fields[f"equity_{code}"] = forms.ChoiceField(
                label=question, choices=ANSWERS, widget=forms.RadioSelect, required=False
            )
            if self.instance and self.instance.pk:
                self.fields[f"equity_{code}"].initial = self.instance.equity_checklist.get(code, "")
        if self.instance and self.instance.pk:
            self.fields["code"].disabled = True


class AssessForm(forms.Form):
    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for criterion in criteria:
            if criterion.kind == "hurdle":
                field: forms.Field = forms.TypedChoiceField(
                    choices=[("1", _("Pass")), ("0", _("Fail"))], coerce=int, widget=forms.RadioSelect
                )
            else:
                field = forms.TypedChoiceField(
                    choices=[(str(n), str(n)) for n in range(6)], coerce=int, widget=forms.RadioSelect
                )
            field.label = criterion.name
            field.help_text = criterion.guidance
            value, comment = initial_scores.get(criterion.pk, (None, ""))
            field.initial = None if value is None else str(value)
            self.fields[f"c{criterion.pk}"] = field
            self.fields[f"comment{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}), initial=comment
            )


class ConsensusForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.IntegerField(label=_("Agreed value"), min_value=0, max_value=5)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in Decision.choices if c[0]], widget=forms.RadioSelect
    )
    meeting_date = forms.DateField(label=_("Date of meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    minute_ref = forms.CharField(label=_("Minute reference"), max_length=60)
    decision_reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AssessorForm(forms.Form):
    """The planning group asks a person, by user name, to assess a proposal."""

    username = forms.CharField(
        label=_("Ask a person to assess (user name)"),
        max_length=150,
        error_messages={"required": _("Give the user name of the person to ask.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")  # the page's own HTML names the input's id by its field
        super().__init__(*args, **kwargs)

    def clean_username(self):
        name = self.cleaned_data["username"]
        found = get_user_model()._default_manager.filter(username=name, is_active=True).first()
        if found is None:
            raise forms.ValidationError(_("No user called “%(name)s”."), params={"name": name})
        return found


def check_submission(proposal: Proposal) -> list[str]:
    return submission_problems(
        proposal.first_year,
        proposal.priority_condition,
        proposal.priority_exception,
        proposal.exit_strategy,
        proposal.additional_to_contract,
    )


def year_costs(first_year: str, cost, years: int) -> list[str]:
    start = FinancialYear.parse(first_year).start_year
    return [str(FinancialYear(start + n)) for n in range(years)]
