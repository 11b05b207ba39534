"""The indicators a project aims to move: chosen on the project's indicators page by those who may
change the project, shown with their trend for the clusters it serves in a panel on the project page."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.rules import can_view
from cymuned.portfolio.access import may_change, project_for
from cymuned.portfolio.models import Project

from .served import indicator_choices, trends


class AimsForm(forms.Form):
    indicators = forms.MultipleChoiceField(
        label=gettext_lazy("Indicators this project aims to move"),
        help_text=gettext_lazy("Choose none, one or several."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicators"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = indicator_choices()


def project_panel(request, project: Project) -> dict | None:
    """The project page's section: each indicator named with its trend for the clusters served that
    the reader may see, and Wales; nothing when none is named and the reader may not name any."""
    codes = list(project.indicators or [])
    changeable = may_change(request.user, project)
    if not codes and not changeable:
        return None
    units = [c for c in project.clusters.all() if can_view(request.user, c)]
    return {"trends": trends(codes, units), "may_change": changeable, "project": project}


def edit(request, code: str):
    project = project_for(request.user, code, change=True)
    if request.method == "POST":
        form = AimsForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                current = Project.objects.select_for_update().get(pk=project.pk)
                if current.version != form.cleaned_data["version"]:
                    form.add_error(
                        None,
                        _(
                            "Someone else changed this project while you were choosing. Check its indicators and choose again."
                        ),
                    )
                else:
                    order = [c for c, _n in indicator_choices()]
                    chosen = set(form.cleaned_data["indicators"])
                    current.indicators = [c for c in order if c in chosen]
                    current.version += 1
                    current.save(update_fields=["indicators", "version", "updated_at"])
                    messages.success(request, _("The indicators this project aims to move are saved."))
                    return redirect("portfolio:project", code=project.code)
    else:
        form = AimsForm(initial={"indicators": list(project.indicators or []), "version": project.version})
    return render(request, "indicators/aims.html", {"project": project, "form": form})
