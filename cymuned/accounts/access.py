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
- **Background jobs** (an import from the upload page, reminders queued): seen only by the person who
  started them, and by national administrators; a job started from the command line by no one is
  seen by national administrators only.
- **History records** and **admin lists**: the records of the objects the person may see (see
  `scope`); staff status alone grants nothing.
- **Risks, staff in post, leadership posts, meetings** (and their actions, attendance and
  decisions): seen by a viewer of their unit (or above it), changed by its editors. The Datix unit
  mapping belongs to the unit it maps to. Staff groups are national reference data.
- **Committees and papers**: seen by a viewer of the committee's health board, changed by its editors;
  a committee without a board is national. A paper written as a background job (its file kept with
  the job) is downloaded by who may open the job and — asked again at every download — may still read
  what it covers: a viewer of the health board for a whole board's paper, a viewer of each of its
  clusters for a paper limited to some.
- **Maturity assessments** (ratings, consensus) and **self-reflections**: seen by a viewer of the unit
  (cluster or neighbourhood), entered by its editors. Maturity frameworks are national data.
- **Peer review**: the draw is made (and re-made, with a reason) by national administrators and seen
  by anyone with a role. A review (its discussion, letter and actions) is seen by viewers of the host
  unit and of the reviewing board; the discussion is recorded by national administrators or editors of
  the host board; an action's status is changed by editors of the host unit or national administrators.
- **Funding rounds, criteria and proposals**: a round and its criteria are seen by anyone with a role
  and changed by editors of its health board. A proposal is seen by its proposer, by the assessors
  asked to assess it, and by viewers of the planning group (panel) above its clusters; assessors see
  other assessors' scores only once they have submitted their own. A proposal is changed by its
  proposer while a draft, and by editors of its planning groups; it is decided by editors of every
  planning group above its clusters (the Pan Cluster Planning Group of its county).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from cymuned.orgs.models import Kind, Membership, OrgUnit

from .models import Role
from .rules import _grants, can_edit, can_view, nations_granted, visible_unit_ids


def is_national_administrator(user) -> bool:
    """A superuser, or an administrator of the nation (the Wales unit)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    nations = nations_granted(user)
    return any(unit in nations and role == Role.ADMINISTRATOR for unit, role in _grants(user).items())


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


def seen_units(user, units: QuerySet[OrgUnit], on=None) -> QuerySet[OrgUnit]:
    """The units of the queryset the person may see (all of them for a command run without --user);
    with `on`, also those beneath their units on that date (a neighbourhood that starts next year)."""
    if user is None:
        return units
    visible = visible_unit_ids(user)
    if visible is not None and on is not None:
        visible |= visible_unit_ids(user, on=on) or set()
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


def projects_reported_on(user, clusters_of: Mapping[int, Iterable[int]]) -> set[int]:
    """Of many projects (id → its cluster ids), those the person may report on: the same decision as
    `may_report_on_project`, made once for a whole page from the units they may edit."""
    editable = visible_unit_ids(user, Role.EDITOR)
    if editable is None:
        return set(clusters_of)
    return {project for project, clusters in clusters_of.items() if editable.intersection(clusters)}


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


# -- background jobs ------------------------------------------------------------------------------
def seen_jobs(user, jobs: QuerySet) -> QuerySet:
    """The jobs whose page a person may open: their own; every one for a national administrator."""
    if is_national_administrator(user):
        return jobs
    return jobs.filter(user=user) if user is not None and user.is_authenticated else jobs.none()


# -- committees -----------------------------------------------------------------------------------
def may_see_committee(user, health_board: OrgUnit | None) -> bool:
    """A committee of a board is seen by its viewers; one without a board by anyone with a role."""
    return holds_any_role(user) if health_board is None else can_view(user, health_board)


def may_change_committee(user, health_board: OrgUnit | None) -> bool:
    return is_national_administrator(user) if health_board is None else can_edit(user, health_board)


def may_read_paper(user, health_board: OrgUnit, clusters: Iterable[OrgUnit] | None = None) -> bool:
    """A paper of a whole health board (`clusters` None) is read by the board's viewers; a paper
    limited to some of its clusters, by who may view every one of them."""
    if clusters is None:
        return can_view(user, health_board)
    wanted = {unit.pk for unit in clusters}
    if not wanted:
        return False
    visible = visible_unit_ids(user)
    return visible is None or wanted <= visible


# -- maturity and peer review --------------------------------------------------------------------
def may_see_assessment(user, unit: OrgUnit) -> bool:
    return can_view(user, unit)


def may_rate(user, unit: OrgUnit) -> bool:
    """Ratings, consensus and the self-reflection of a unit: its editors."""
    return can_edit(user, unit)


def may_draw(user) -> bool:
    """The peer review draw (and a re-draw) is national."""
    return is_national_administrator(user)


def may_see_review(user, host: OrgUnit | None, reviewing_board: OrgUnit | None) -> bool:
    units = [u for u in (host, reviewing_board) if u is not None]
    return is_national_administrator(user) or any(can_view(user, u) for u in units)


def may_record_review(user, host_board: OrgUnit) -> bool:
    """The discussion, participants and agreed actions: the SPPC (national) or the host board's editors."""
    return is_national_administrator(user) or can_edit(user, host_board)


def may_follow_up_action(user, host: OrgUnit | None) -> bool:
    return is_national_administrator(user) or (host is not None and can_edit(user, host))


def seen_review_lines(user, lines: QuerySet) -> QuerySet:
    """Draw lines whose review the person may see (host unit or reviewing board within their view)."""
    if user is None or is_national_administrator(user):
        return lines
    visible = visible_unit_ids(user)
    if visible is None:
        return lines
    return lines.filter(Q(unit__in=visible) | Q(reviewing_board__in=visible))


# -- funding rounds and proposals ---------------------------------------------------------------
def may_change_round(user, health_board: OrgUnit) -> bool:
    return can_edit(user, health_board)


def panels_of(clusters: Iterable[OrgUnit]) -> list[OrgUnit]:
    """The planning groups (panels) above the clusters today; a cluster under none is its own panel
    (its editors, and those of the units above it, decide)."""
    clusters = list(clusters)
    links = Membership.objects.filter(
        child__in=clusters, parent__kind=Kind.PLANNING_GROUP, valid_to__isnull=True
    ).select_related("parent")
    panels = {link.child_id: link.parent for link in links}
    found = {unit.pk: unit for unit in panels.values()}
    for cluster in clusters:
        if cluster.pk not in panels:
            found.setdefault(cluster.pk, cluster)
    return sorted(found.values(), key=lambda unit: unit.code)


def _is(user, other_id) -> bool:
    return user is not None and user.is_authenticated and other_id == user.pk


def is_assessor(user, proposal) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return proposal.assignments.filter(assessor=user).exists()


def may_see_proposal(user, proposal, panels: Iterable[OrgUnit] | None = None) -> bool:
    if is_national_administrator(user) or _is(user, proposal.proposer_id):
        return True
    panels = panels_of(proposal.clusters.all()) if panels is None else panels
    return any(can_view(user, panel) for panel in panels) or is_assessor(user, proposal)


def may_see_ranking(user, round_) -> bool:
    """A round's ranking spans the whole round: its board's viewers and national administrators see it."""
    return is_national_administrator(user) or can_view(user, round_.health_board)


def may_sit_on_panel(user, panels: Iterable[OrgUnit]) -> bool:
    """A viewer of the planning group sees every assessor's scores and the spread."""
    return is_national_administrator(user) or any(can_view(user, panel) for panel in panels)


def may_change_proposal(user, proposal, panels: Iterable[OrgUnit] | None = None) -> bool:
    if _is(user, proposal.proposer_id) and proposal.state == "draft":
        return True
    panels = panels_of(proposal.clusters.all()) if panels is None else panels
    return may_decide_proposal(user, panels)


def may_decide_proposal(user, panels: Iterable[OrgUnit]) -> bool:
    """Editors of every planning group above the proposal's clusters (their county's PCPG)."""
    panels = list(panels)
    if not panels:
        return is_national_administrator(user)
    return all(can_edit(user, panel) for panel in panels)


def may_see_other_scores(user, proposal, submitted: bool, panels: Iterable[OrgUnit]) -> bool:
    """Blind assessment: an assessor sees the others' scores once their own are submitted."""
    return may_sit_on_panel(user, panels) or submitted


def seen_proposals(user, proposals: QuerySet | None = None) -> QuerySet:
    """Proposals the person proposed, is asked to assess, or whose panel they sit on."""
    model = apps.get_model("proposals", "Proposal")
    proposals = model._default_manager.all() if proposals is None else proposals
    if user is None or is_national_administrator(user):
        return proposals
    if not user.is_authenticated or not user.is_active:
        return proposals.none()
    visible = visible_unit_ids(user) or set()
    panel_clusters = Membership.objects.filter(
        parent_id__in=visible, parent__kind=Kind.PLANNING_GROUP, valid_to__isnull=True
    ).values("child_id")
    # a cluster under no planning group is its own panel (as in panels_of)
    has_group = Membership.objects.filter(
        child_id=OuterRef("pk"), parent__kind=Kind.PLANNING_GROUP, valid_to__isnull=True
    )
    lone_clusters = OrgUnit.objects.filter(kind=Kind.CLUSTER, pk__in=visible).filter(~Exists(has_group)).values("pk")
    through = model.clusters.through  # type: ignore[attr-defined]
    on_panel = Exists(
        through.objects.filter(proposal_id=OuterRef("pk")).filter(
            Q(orgunit_id__in=panel_clusters) | Q(orgunit_id__in=lone_clusters)
        )
    )
    assigned = Exists(
        apps.get_model("proposals", "Assignment").objects.filter(proposal_id=OuterRef("pk"), assessor=user)
    )
    return proposals.filter(Q(proposer=user) | on_panel | assigned)


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
    "indicators.RegisterCount": RecordKind(None, national=True),
    "indicators.PatientCount": RecordKind("practice", need=Need.NATIONAL),
    "indicators.IndicatorDefinition": RecordKind(None, national=True),
    "reports.Committee": RecordKind("health_board"),  # a committee without a board is national
    "imports.ImportRun": RecordKind(None, national=True),
    "risks.Risk": RecordKind("unit"),
    "risks.RiskAction": RecordKind("risk__unit"),
    "risks.DatixUnit": RecordKind("unit"),
    "workforce.StaffGroup": RecordKind(None, national=True),
    "workforce.StaffInPost": RecordKind("unit"),
    "workforce.LeadershipPost": RecordKind("unit"),
    "meetings.Meeting": RecordKind("unit"),
    "meetings.Attendance": RecordKind("meeting__unit"),
    "meetings.ProjectDecision": RecordKind("meeting__unit"),
    "maturity.Framework": RecordKind(None, national=True),
    "maturity.Assessment": RecordKind("unit"),
    "maturity.Rating": RecordKind("assessment__unit"),
    "maturity.Consensus": RecordKind("assessment__unit"),
    "peerreview.SelfReflection": RecordKind("unit"),
    "peerreview.Draw": RecordKind(None, national=True),
    "peerreview.Review": RecordKind("line__unit"),
    "peerreview.Action": RecordKind("review__line__unit"),
    # Proposals in the admin and history: by their round's health board (the pages use seen_proposals).
    "proposals.Round": RecordKind("health_board"),
    "proposals.Criterion": RecordKind("round__health_board"),
    "proposals.Proposal": RecordKind("round__health_board"),
    "proposals.Cost": RecordKind("proposal__round__health_board"),
    "proposals.Assignment": RecordKind("proposal__round__health_board"),
    "proposals.Score": RecordKind("assignment__proposal__round__health_board"),
    "proposals.Consensus": RecordKind("proposal__round__health_board"),
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
    return within_units(model, visible_unit_ids(user), records)


def within_units(model: type[Model], unit_ids: set[int] | None, records: QuerySet | None = None) -> QuerySet:
    """The records of `model` that belong to any of the units (by the same paths `scope` follows;
    None: every record). National kinds belong to no unit, so none of their records is within one."""
    records = model._default_manager.all() if records is None else records
    if unit_ids is None:
        return records
    kind = record_kind(model)
    if kind is None or kind.national or kind.path is None:
        return records.none()
    if kind.path == "clusters":
        return records.filter(_project_clusters_exist(unit_ids))
    lookup = "pk__in" if kind.path == "" else f"{kind.path}__in"
    through = model._default_manager.filter(**{lookup: unit_ids}).values("pk")
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
    unit: Model | None = obj
    for step in kind.path.split("__"):  # a path through foreign keys (review__line__unit)
        unit = getattr(unit, step) if unit is not None else None
    return [unit] if isinstance(unit, OrgUnit) else []


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
