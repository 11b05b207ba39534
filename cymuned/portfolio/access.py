"""Getting a project for a person, or refusing: one helper used by pages and API alike. The
decisions themselves are in `cymuned.accounts.access`."""

from django.http import Http404

from cymuned.accounts.access import may_change_project, may_report_on_project, may_see_project, seen_projects
from cymuned.accounts.rules import require

from .models import Project


def visible_projects(user):
    return seen_projects(user)


def project_for(user, code: str, edit: bool = False, change: bool = False) -> Project:
    """The project if the person may see it (and report on it with `edit`, or change the project
    itself with `change`); 404 if it does not exist, 403 if it is not theirs."""
    project = Project.objects.filter(code=code).prefetch_related("clusters").first()
    if project is None:
        raise Http404
    clusters = list(project.clusters.all())
    require(may_see_project(user, clusters))
    if edit:
        require(may_report_on_project(user, clusters))
    if change:
        require(may_change_project(user, clusters))
    return project


def may_edit(user, project: Project) -> bool:
    """May the person report on the project (returns, measures, links)."""
    return may_report_on_project(user, project.clusters.all())


def may_change(user, project: Project) -> bool:
    """May the person change the project itself."""
    return may_change_project(user, project.clusters.all())
