"""The peer-review forms: each field read and checked once here, a refused value shown beside its field.

The pages write their own HTML with the field names as id (`auto_id="%s"`), so an error summary's link
finds its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Action, Review, SelfReflection, Status

SEED_LIMIT = 2**63  # a seed is kept in a signed 64-bit column


def _date(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, input_formats=["%Y-%m-%d"])


def _text(label, limit: int, required_message=None) -> forms.CharField:
    """Text up to `limit` characters; required when it has a message for its absence."""
    messages = {"required": required_message} if required_message else {}
    return forms.CharField(label=label, required=bool(required_message), max_length=limit, error_messages=messages)


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed (leave blank for a new random seed)"),
        required=False,
        min_value=-SEED_LIMIT,
        max_value=SEED_LIMIT - 1,
        error_messages={
            "invalid": _("The seed must be a whole number."),
            "min_value": _("The seed must be a whole number."),
            "max_value": _("The seed must be a whole number."),
        },
    )
    on = _date(_("Units existing on"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    preview = forms.BooleanField(required=False)


class DiscussionForm(forms.ModelForm):
    """The record of the discussion, with one text per outcome allocated to the line (`discussion-CODE`)."""

    held_on = _date(_("Held on"))
    participants = _text(_("Participants"), 4000)
    reviewers = _text(_("Reviewers"), 4000)
    summary = _text(_("Summary"), 4000)

    class Meta:
        model = Review
        fields = ["held_on", "chair", "participants", "reviewers", "summary"]

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        if self.instance.held_on:  # the date input takes only the ISO form
            self.initial["held_on"] = self.instance.held_on.isoformat()
        self.outcomes = list(outcomes)
        stored = self.instance.discussion or {}
        for code in self.outcomes:
            self.fields[f"discussion-{code}"] = forms.CharField(
                label=code, required=False, max_length=8000, initial=stored.get(code, "")
            )

    def save(self, commit=True):
        self.instance.discussion = {code: self.cleaned_data[f"discussion-{code}"] for code in self.outcomes}
        return super().save(commit)


class ActionForm(forms.ModelForm):
    text = _text(_("Action"), 4000, _("Say what is to be done."))
    due = _date(_("Due"))

    class Meta:
        model = Action
        fields = ["text", "owner", "owner_email", "organisation", "due", "theme"]
        error_messages = {
            "owner": {"required": _("Name the action's owner.")},
            "organisation": {"required": _("Name the owner's organisation.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status.")},
    )
    dropped_reason = forms.CharField(label=_("Reason, if dropped"), required=False, max_length=2000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.DROPPED and not cleaned.get("dropped_reason"):
            self.add_error("dropped_reason", _("Say why the action is dropped."))
        return cleaned


class SelfReflectionForm(forms.ModelForm):
    facilitators = _text(_("3. Facilitators: what helps"), 8000)
    barriers = _text(_("4. Barriers: what hinders"), 8000)
    priorities = _text(_("5. Priorities for the year ahead"), 8000)
    complete = forms.BooleanField(label=_("The self-reflection is complete"), required=False)

    class Meta:
        model = SelfReflection
        fields = ["facilitators", "barriers", "priorities"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        self.initial.setdefault("complete", bool(self.instance.completed_at))
