"""The project form: start a project or change one, checked by the same rules as the projects import
and saved only over the version the person started from."""

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.access import may_change_project, may_see_unit, seen_units
from cymuned.accounts.models import Role
from cymuned.accounts.rules import can_edit, edits_anything, require, visible_unit_ids
from cymuned.orgs.models import Kind, Membership, OrgUnit
from cymuned.periods import local_date

from .access import project_for
from .fields import check, read_project
from .models import PriorityCondition, Project, State
from .projects import save_project
from .returns import StaleEdit

FIELDS = (
    "code",
    "name",
    "theme",
    "priority_condition",
    "start_date",
    "end_date",
    "annual_budget_gbp",
    "lead",
    "provider",
    "exit_strategy",
    "state",
)
SAVED_FIELDS = FIELDS[1:-1]  # the code never changes; a blank state keeps the one there is


def values_of(project: Project) -> dict:
    """A project as the form shows it."""
    values = {name: getattr(project, name) for name in (*FIELDS, "name_cy")}
    for name in ("start_date", "end_date"):
        values[name] = values[name].isoformat() if values[name] else ""
    values["clusters"] = sorted(c.code for c in project.clusters.all())
    return {k: "" if v is None else v for k, v in values.items()}


def cluster_choices(user, project: Project | None) -> list[tuple[str, list[OrgUnit]]]:
    """Clusters the person may give a project, by health board: those they edit that exist today,
    and any the project has already."""
    today = local_date()
    editable = visible_unit_ids(user, Role.EDITOR)
    units = OrgUnit.objects.of_kind(Kind.CLUSTER).existing_on(today)
    if editable is not None:
        units = units.filter(pk__in=editable)
    chosen = {u.pk: u for u in units}
    if project is not None:
        chosen.update({u.pk: u for u in project.clusters.all()})
    # Health boards by the reader's language (Welsh where the board has a Welsh name).
    welsh = (get_language() or "en").startswith("cy")
    boards = {
        child: (cy if welsh and cy else en)
        for child, en, cy in Membership.objects.on(today)
        .filter(child_id__in=chosen, parent__kind=Kind.HEALTH_BOARD)
        .values_list("child_id", "parent__name_en", "parent__name_cy")
    }
    groups: dict[str, list[OrgUnit]] = {}
    for unit in sorted(chosen.values(), key=lambda u: (boards.get(u.pk, "~"), u.name)):
        groups.setdefault(boards.get(unit.pk, ""), []).append(unit)
    return list(groups.items())


def _check_clusters(user, codes: list[str], before: list[OrgUnit], problems: dict) -> list[OrgUnit]:
    """The clusters named, each one the person may see (one they may not reads like an unknown code),
    and the one rule of projects: editing every cluster the project has now and will have."""
    units = {u.code: u for u in seen_units(user, OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=set(codes)))}
    unknown = [c for c in codes if c not in units]
    if unknown:
        problems.setdefault("clusters", []).append(
            _("not known cluster codes: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if not may_change_project(user, before, units.values()):
        refused = next((u for u in [*before, *units.values()] if may_see_unit(user, u) and not can_edit(user, u)), None)
        problems.setdefault("clusters", []).append(
            _("you may not change the records of %(unit)s") % {"unit": refused}
            if refused
            else _("you may not change this record")
        )
    return list(units.values())


def _form(request, project: Project | None):
    problems: dict[str, list[str]] = {}
    values: dict[str, Any] = values_of(project) if project else {"state": State.ACTIVE, "clusters": []}
    stale = False
    if request.method == "POST":
        codes = [c.strip().upper() for c in request.POST.getlist("clusters") if c.strip()]
        values = {name: request.POST.get(name, "").strip() for name in FIELDS}
        # The Welsh name is optional and only on the form (files carry the English name).
        values["name_cy"] = " ".join(request.POST.get("name_cy", "").split())[:300]
        if project is not None:
            values["code"] = project.code
        values["clusters"] = codes
        parsed: Any
        parsed, problems = check(read_project, {**values, "clusters": ";".join(codes)})
        before = list(project.clusters.all()) if project else []
        units = _check_clusters(request.user, codes, before, problems)
        if project is None and Project.objects.filter(code=values["code"].upper()).exists():
            problems.setdefault("code", []).append(_("a project with this code exists already"))
        if parsed is not None and not problems:
            item = project or Project(code=parsed.code)
            for name in SAVED_FIELDS:
                setattr(item, name, getattr(parsed, name))
            item.name_cy = values["name_cy"]
            item.state = parsed.state or item.state
            try:
                version = edges.whole_number(request.POST.get("version") or "0", -1)
                save_project(item, units, request.user, version if project else None)
            except StaleEdit as refused:
                stale = True
                project = refused.current
                values = values_of(project)
                messages.error(
                    request,
                    _(
                        "Not saved: someone else changed this project while you were editing it. "
                        "Their values are shown below; make your change again."
                    ),
                )
            else:
                messages.success(request, _("Project %(code)s saved.") % {"code": item.code})
                return redirect("portfolio:project", code=item.code)
    return render(
        request,
        "portfolio/project_form.html",
        {
            "project": project,
            "values": values,
            "problems": problems,
            "version": project.version if project else 0,
            "cluster_groups": cluster_choices(request.user, project),
            "conditions": [(c.value, c.label) for c in PriorityCondition],
            "states": State.choices,
            "labels": {
                name: getattr(Project._meta.get_field(name), "verbose_name", name)
                for name in (*FIELDS, "clusters", "name_cy")
            },
        },
        status=409 if stale else (400 if problems else 200),
    )


def project_new(request):
    require(edits_anything(request.user))
    return _form(request, None)


def project_edit(request, code: str):
    return _form(request, project_for(request.user, code, change=True))
