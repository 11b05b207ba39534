"""Saving projects and their clusters without losing anyone's update, and keeping the clusters in
the project's history (the importer and the form both come through here)."""

from collections.abc import Iterable, Mapping
from dataclasses import replace

from django.apps import apps
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext

from cymuned.audit.changes import ACTIONS, Change, FieldChange, changes_for
from cymuned.orgs.models import Kind, OrgUnit

from .models import MonitoringReturn, Project
from .returns import StaleEdit

PROJECT_CLUSTERS = Project.clusters.through
BATCH = 2000


def clusters_by_code(codes: Iterable[str]) -> dict[str, OrgUnit]:
    """The cluster units among the codes, by code (codes that are not clusters are left out)."""
    return {u.code: u for u in OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=set(codes))}


def set_clusters(wanted: Mapping[int, set[int]]) -> set[int]:
    """Make each project's cluster links exactly `wanted` (project id → unit ids) in a few bulk
    statements, without signals; returns the ids of projects whose links changed."""
    links = list(
        PROJECT_CLUSTERS.objects.filter(project_id__in=wanted.keys()).values_list("pk", "project_id", "orgunit_id")
    )
    current = {(project, unit) for _, project, unit in links}
    target = {(project, unit) for project, units in wanted.items() for unit in units}
    PROJECT_CLUSTERS.objects.filter(pk__in=[pk for pk, p, u in links if (p, u) not in target]).delete()
    PROJECT_CLUSTERS.objects.bulk_create(
        [PROJECT_CLUSTERS(project_id=p, orgunit_id=u) for p, u in target - current], batch_size=BATCH
    )
    return {p for p, _ in current ^ target}


def record_clusters(project_ids: Iterable[int]) -> None:
    """Store each project's clusters as they are now with its latest history record, so the history
    shows which clusters a project had after every change (bulk writes do not do this themselves).

    Written here rather than through django-simple-history: its `bulk_create_with_history` and
    `bulk_update_with_history` record the model's own fields only, never its `m2m_fields`, and the
    signal that records them (`m2m_changed`) is not sent by the bulk writes of `set_clusters`."""
    m2m_history = apps.get_model("portfolio", "HistoricalProject_clusters")
    latest = dict(
        Project.history.filter(id__in=list(project_ids))
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("id", "latest")
    )
    if not latest:
        return
    m2m_history.objects.filter(history_id__in=latest.values()).delete()
    links = PROJECT_CLUSTERS.objects.filter(project_id__in=latest.keys()).values_list("pk", "project_id", "orgunit_id")
    m2m_history.objects.bulk_create(
        [m2m_history(id=pk, history_id=latest[p], project_id=p, orgunit_id=u) for pk, p, u in links],
        batch_size=BATCH,
    )


@transaction.atomic
def save_project(project: Project, clusters: Iterable[OrgUnit], user, expected_version: int | None) -> Project:
    """Save a project and its clusters as one recorded change. An existing project is saved only if
    nobody has saved it since `expected_version` was read (a conditional UPDATE decides)."""
    project._history_user = user  # type: ignore[attr-defined]  # read by django-simple-history
    if project.pk is not None:
        if expected_version is None or not Project.objects.filter(pk=project.pk, version=expected_version).update(
            version=F("version") + 1
        ):
            raise StaleEdit(Project.objects.prefetch_related("clusters").get(pk=project.pk))
        project.version = expected_version + 1
    project.save()
    set_clusters({project.pk: {unit.pk for unit in clusters}})
    record_clusters([project.pk])
    return project


def project_changes(project: Project) -> list[Change]:
    """Every recorded change to a project and to its returns, newest first: who, when, what."""
    records = list(
        MonitoringReturn.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("period", "-history_date", "-history_id")
    )
    changes = _cluster_codes_in(changes_for(project))
    for i, record in enumerate(records):
        earlier = records[i + 1] if i + 1 < len(records) and records[i + 1].id == record.id else None
        fields: tuple[FieldChange, ...] = ()
        if earlier is not None and record.history_type == "~":
            delta = record.diff_against(earlier, excluded_fields=["version", "updated_at", "entered_at"])
            fields = tuple(
                FieldChange(
                    str(getattr(MonitoringReturn._meta.get_field(c.field), "verbose_name", c.field)), c.old, c.new
                )
                for c in delta.changes
            )
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else gettext("system"),
                model=str(MonitoringReturn._meta.verbose_name),
                object_id=record.id,
                object_label=f"{project.code} {record.period}",
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                fields=fields,
                reason=record.history_change_reason or "",
            )
        )
    return sorted(changes, key=lambda c: c.when, reverse=True)


def _cluster_codes_in(changes: list[Change]) -> list[Change]:
    """History keeps clusters as link rows; people read them as cluster codes."""
    ids = {
        row.get("orgunit")
        for change in changes
        for f in change.fields
        for value in (f.before, f.after)
        if isinstance(value, list)
        for row in value
    }
    if not ids:
        return changes
    codes = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "code"))

    def readable(value):
        if not isinstance(value, list):
            return value
        return ", ".join(sorted(codes.get(row.get("orgunit"), "?") for row in value))

    return [
        replace(
            change, fields=tuple(replace(f, before=readable(f.before), after=readable(f.after)) for f in change.fields)
        )
        for change in changes
    ]
