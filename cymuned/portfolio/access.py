"""Getting a project for a person, or refusing: one helper used by pages and API alike."""

from django.http import Http404

from cymuned.accounts.rules import can_edit_any, can_view_any, require, visible_unit_ids

from .models import Project


def visible_projects(user):
    visible = visible_unit_ids(user)
    projects = Project.objects.all()
    return projects if visible is None else projects.filter(clusters__in=visible).distinct()


def project_for(user, code: str, edit: bool = False) -> Project:
    """The project if the person may see it (or change it, with `edit`); 404 if it does not exist,
    403 if it is not theirs."""
    project = Project.objects.filter(code=code).prefetch_related("clusters").first()
    if project is None:
        raise Http404
    clusters = list(project.clusters.all())
    require(can_view_any(user, clusters))
    if edit:
        require(can_edit_any(user, clusters))
    return project


def may_edit(user, project: Project) -> bool:
    return can_edit_any(user, project.clusters.all())
