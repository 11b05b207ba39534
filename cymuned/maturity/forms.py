"""The form on the cycle page: a rater's stage for one domain, or the group's agreed stage, checked once
here against the framework the domain belongs to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Domain

KINDS = [("rating", _("A rater's stage")), ("consensus", _("The agreed stage"))]


class RatingForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to record"), choices=KINDS, required=False)
    domain = forms.ModelChoiceField(
        label=_("Domain"),
        queryset=Domain.objects.none(),
        error_messages={"required": _("Choose a domain."), "invalid_choice": _("Choose a domain.")},
    )
    stage = forms.IntegerField(label=_("Stage"), error_messages={"required": _("Choose a stage.")})
    rater = forms.CharField(
        label=_("Rater (or who records the agreement)"),
        max_length=100,
        error_messages={"required": _("Say who is rating or recording.")},
    )
    text = forms.CharField(label=_("Evidence (or the reason for the agreed stage)"), max_length=4000, required=False)

    def __init__(self, *args, assessments=(), **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        # only the domains of a framework the unit is assessed against in this cycle
        self.assessments = {a.framework_id: a for a in assessments} if self.is_bound else {}
        self.fields["domain"].queryset = Domain.objects.filter(framework__in=list(self.assessments)).select_related(
            "framework"
        )

    def clean(self):
        cleaned = super().clean()
        domain, stage = cleaned.get("domain"), cleaned.get("stage")
        if domain is not None and stage is not None:
            if not domain.framework.stages.filter(number=stage).exists():
                self.add_error("stage", _("Choose one of the framework's stages."))
            cleaned["assessment"] = self.assessments[domain.framework_id]
        return cleaned
