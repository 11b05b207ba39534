"""May this person see this record, may they change it: one decision per kind of record.

Pages, the API, every importer, the admin and commands run with `--user` all ask here; `rules.py`
below answers the one underlying question (which role does a person hold for a unit).

- **Organisation units and practices**: seen by a role on the unit or above it. A practice is changed
  by an editor of every unit it belongs to now (its cluster and neighbourhood) and of every unit it
  will belong to. The rest of the reference organisation (nation, boards, clusters, …) is national.
- **Projects**: seen by a viewer of any of their current clusters; changed (name, dates, clusters…)
  only by an editor of every cluster they have now and of every cluster they will have.
- **Reporting on a project** (its returns, outcome measures and values, links for providers, spend
  booked against it): an editor of any one of its current clusters — each co-owner reports.
- **Budgets and spend**: an editor of the cluster (and, for spend against a project, one who may
  report on that project).
- **National reference data** (WIMD ranks, LSOAs, practice–LSOA rows, decile weights, providers, the
  reference organisation): national administrators only — an administrator role on the nation
  (Wales) or a superuser. Everyone with a role may read it.
- **Import runs**: a person's own; national administrators see all.
- **History records** and **admin lists**: the records of the objects the person may see (see
  `scope`); staff status alone grants nothing.
- **Committees and papers**: seen by a viewer of the committee's health board, changed by its editors;
  a committee without a board is national.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.db.models import Exists, Model, OuterRef, QuerySet

from cymuned.orgs.models import Kind, OrgUnit

from .models import Role, RoleGrant
from .rules import _grants, can_edit, can_view, visible_unit_ids


def is_national_administrator(user) -> bool:
    """A superuser, or an administrator of the nation (the Wales unit)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_cymuned_national", None)
    if cache is None:
        cache = RoleGrant.objects.filter(user=user, role=Role.ADMINISTRATOR, unit__kind=Kind.NATION).exists()
        user._cymuned_national = cache
    return cache


def holds_any_role(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and (user.is_superuser or _grants(user)))


# -- organisation units ---------------------------------------------------------------------------
def may_see_unit(user, unit: OrgUnit) -> bool:
    return can_view(user, unit)


def may_change_units(user, now: Iterable[OrgUnit], then: Iterable[OrgUnit] = ()) -> bool:
    """An editor of every unit a record belongs to now and of every unit it will belong to. A record
    that belongs to no unit at all is national."""
    units = {u.pk: u for u in [*now, *then]}
    if not units:
        return is_national_administrator(user)
    return all(can_edit(user, unit) for unit in units.values())


def may_change_unit(user, unit: OrgUnit, now_parents: Iterable[OrgUnit] = (), then_parents: Iterable[OrgUnit] = ()):
    """Practices belong to their cluster and neighbourhood; every other unit is reference data."""
    if unit.kind != Kind.PRACTICE:
        return is_national_administrator(user)
    return may_change_units(user, now_parents, then_parents)


def seen_units(user, units: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
    """The units of the queryset the person may see (all of them for a command run without --user)."""
    if user is None:
        return units
    visible = visible_unit_ids(user)
    return units if visible is None else units.filter(pk__in=visible)


# -- projects -------------------------------------------------------------------------------------
def may_see_project(user, clusters: Iterable[OrgUnit]) -> bool:
    return any(can_view(user, cluster) for cluster in clusters)


def may_change_project(user, now: Iterable[OrgUnit], then: Iterable[OrgUnit] = ()) -> bool:
    """Changing a project itself changes the records of every cluster it has and will have."""
    return may_change_units(user, now, then)


def may_report_on_project(user, clusters: Iterable[OrgUnit]) -> bool:
    """Returns, outcome measures and their values, provider links, spend: any co-owner reports."""
    return any(can_edit(user, cluster) for cluster in clusters)


def _project(model: str = "Project") -> type[Model]:
    # Projects sit above access in the layers (they are a capability); access names them by label,
    # as RECORD_KINDS does, instead of importing the portfolio.
    return apps.get_model("portfolio", model)


def _project_clusters_exist(visible: set[int] | None) -> Exists:
    through = _project().clusters.through  # type: ignore[attr-defined]  # the many-to-many of Project
    links = through.objects.filter(project_id=OuterRef("pk"), orgunit_id__in=visible)
    return Exists(links)


def seen_projects(user, projects: QuerySet | None = None) -> QuerySet:
    """The projects a person may see: one EXISTS per project, no join, no DISTINCT."""
    projects = _project()._default_manager.all() if projects is None else projects
    if user is None:
        return projects
    visible = visible_unit_ids(user)
    if visible is None:
        return projects
    if not visible:
        return projects.none()
    return projects.filter(_project_clusters_exist(visible))


# -- national reference data ----------------------------------------------------------------------
def may_change_national_data(user) -> bool:
    return is_national_administrator(user)


# -- import runs ----------------------------------------------------------------------------------
def seen_import_runs(user, runs: QuerySet) -> QuerySet:
    if is_national_administrator(user):
        return runs
    return runs.filter(user=user) if user is not None and user.is_authenticated else runs.none()


# -- committees -----------------------------------------------------------------------------------
def may_see_committee(user, health_board: OrgUnit | None) -> bool:
    """A committee of a board is seen by its viewers; one without a board by anyone with a role."""
    return holds_any_role(user) if health_board is None else can_view(user, health_board)


def may_change_committee(user, health_board: OrgUnit | None) -> bool:
    return is_national_administrator(user) if health_board is None else can_edit(user, health_board)


# -- every kind of record, for the admin and the history pages -----------------------------------
class Need(StrEnum):
    """What a change to a record asks of the person (used by importers and the admin)."""

    EDIT_ALL = "edit-all"  # edit every unit of the record now and after (units, practices, projects)
    REPORT = "report"  # edit any one unit of the record (reporting on a shared project)
    NATIONAL = "national"  # national administrators only


def may(user, need: Need, now: Iterable[OrgUnit] = (), then: Iterable[OrgUnit] = ()) -> bool:
    if need is Need.NATIONAL:
        return may_change_national_data(user)
    if need is Need.REPORT:
        return may_report_on_project(user, [*now, *then])
    return may_change_units(user, now, then)


@dataclass(frozen=True)
class RecordKind:
    """How the records of one model reach their units: `path` from the model to an OrgUnit (""
    for the unit itself), and what a change needs. `national` kinds are read by anyone with a
    role and changed by national administrators."""

    path: str | None
    need: Need = Need.EDIT_ALL
    national: bool = False
    # for kinds whose change rule depends on the record (the reference organisation, memberships)
    need_for: Callable[[Model], Need] | None = None


def _unit_need(unit) -> Need:
    return Need.EDIT_ALL if unit.kind == Kind.PRACTICE else Need.NATIONAL


def _membership_need(link) -> Need:
    return Need.EDIT_ALL if link.child.kind == Kind.PRACTICE else Need.NATIONAL


RECORD_KINDS: dict[str, RecordKind] = {
    "orgs.OrgUnit": RecordKind("", need_for=_unit_need),
    "orgs.Membership": RecordKind("child", need_for=_membership_need),
    "orgs.ListSize": RecordKind("practice"),
    "accounts.RoleGrant": RecordKind("unit", need=Need.NATIONAL),
    "portfolio.Project": RecordKind("clusters"),
    "portfolio.MonitoringReturn": RecordKind("project__clusters", need=Need.REPORT),
    "outcomes.Measure": RecordKind("project__clusters", need=Need.REPORT),
    "outcomes.MeasureValue": RecordKind("measure__project__clusters", need=Need.REPORT),
    "outcomes.ScoreObservation": RecordKind("measure__project__clusters", need=Need.REPORT),
    "outcomes.ExpectedReturn": RecordKind("project__clusters", need=Need.REPORT),
    "outcomes.ReturnLink": RecordKind("expected__project__clusters", need=Need.REPORT),
    "outcomes.Reminder": RecordKind("expected__project__clusters", need=Need.REPORT),
    "outcomes.Provider": RecordKind(None, national=True),
    "finance.Budget": RecordKind("cluster"),
    "finance.SpendLine": RecordKind("cluster"),
    "geography.PracticeLsoa": RecordKind("practice", need=Need.NATIONAL),
    "geography.Lsoa": RecordKind(None, national=True),
    "geography.DecileWeight": RecordKind(None, national=True),
    "reports.Committee": RecordKind("health_board"),  # a committee without a board is national
    "imports.ImportRun": RecordKind(None, national=True),
}


def record_kind(model: type[Model]) -> RecordKind | None:
    return RECORD_KINDS.get(model._meta.label)


def scope(user, model: type[Model], records: QuerySet | None = None) -> QuerySet:
    """The records of `model` the person may see. A model with no declared kind shows nothing to
    anyone but national administrators."""
    records = model._default_manager.all() if records is None else records
    if user is None or is_national_administrator(user):
        return records
    kind = record_kind(model)
    if kind is None or not holds_any_role(user):
        return records.none()
    if kind.national or kind.path is None:
        if model._meta.label == "imports.ImportRun":
            return seen_import_runs(user, records)
        return records
    visible = visible_unit_ids(user)
    if kind.path == "clusters":
        return records.filter(_project_clusters_exist(visible))
    lookup = "pk__in" if kind.path == "" else f"{kind.path}__in"
    through = model._default_manager.filter(**{lookup: visible}).values("pk")
    return records.filter(pk__in=through)


def units_of(obj: Model) -> list[OrgUnit]:
    """The units a record belongs to as it is now (in the database)."""
    kind = record_kind(type(obj))
    if kind is None or kind.path is None or obj.pk is None:
        return []
    if kind.path == "":
        assert isinstance(obj, OrgUnit)
        if obj.kind == Kind.PRACTICE:
            return parents_now(obj)
        return [obj]
    if kind.path.endswith("clusters"):
        return list(OrgUnit.objects.filter(pk__in=type(obj)._default_manager.filter(pk=obj.pk).values(kind.path)))
    if kind.path in ("child", "practice"):
        return parents_now(getattr(obj, kind.path))
    unit = getattr(obj, kind.path)
    return [unit] if unit is not None else []


def parents_now(practice: OrgUnit) -> list[OrgUnit]:
    """A practice's open parent units (cluster, neighbourhood)."""
    if practice.pk is None:
        return []
    return list(OrgUnit.objects.filter(child_links__child=practice, child_links__valid_to__isnull=True).distinct())


def need_of(obj: Model) -> Need:
    kind = record_kind(type(obj))
    if kind is None or kind.national:
        return Need.NATIONAL
    return kind.need_for(obj) if kind.need_for else kind.need


def may_see_record(user, obj: Model) -> bool:
    return scope(user, type(obj)).filter(pk=obj.pk).exists()


def may_change_record(user, obj: Model, then: Iterable[OrgUnit] = ()) -> bool:
    """May the person change this record as it is now and as it will be (`then`, its new units)."""
    need = need_of(obj)
    if need is Need.NATIONAL:
        return may_change_national_data(user)
    now = units_of(obj)
    if not now and not list(then):
        return may_change_national_data(user)
    return may(user, need, now, then)
