"""`cymuned import projects PATH` and `cymuned import returns PATH`."""

from operator import attrgetter

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cymuned.accounts.access import Need, seen_projects, seen_units
from cymuned.imports.base import Claim, Importer, Outcome
from cymuned.imports.fields import Problem, RowReader
from cymuned.orgs.models import Kind, OrgUnit

from .bulk import insert_with_history
from .fields import ProjectValues, ReturnValues, read_project, read_return
from .models import MonitoringReturn, Project
from .projects import PROJECT_CLUSTERS, record_clusters, set_clusters
from .returns import EDITABLE_FIELDS, STANDING_FIELDS, apply_rules, restate, set_standing, statuses, stored

PROJECT_FIELDS = (
    "name",
    "theme",
    "priority_condition",
    "start_date",
    "end_date",
    "annual_budget_gbp",
    "lead",
    "provider",
    "exit_strategy",
)
BATCH = 2000
# the values of a new return, in the order the importer builds them
editable_values = attrgetter(*EDITABLE_FIELDS)
NEW_RETURN_FIELDS = (
    "project_id",
    "period",
    *EDITABLE_FIELDS,
    "computed_rag",
    "status",
    *STANDING_FIELDS,
    "entered_by_id",
    "version",
)


class ProjectImporter(Importer):
    kind = "projects"
    label = gettext_lazy("Projects")
    required = (
        "code",
        "name",
        "clusters",
        "theme",
        "priority_condition",
        "start_date",
        "end_date",
        "annual_budget_gbp",
    )
    optional = ("lead", "provider", "exit_strategy", "state")
    example = (
        {
            "code": "AG-PAIN",
            "name": "Persistent Pain Service",
            "clusters": "AG;NC",
            "theme": "Pain management",
            "priority_condition": "",
            "start_date": "2023-04-01",
            "end_date": "",
            "annual_budget_gbp": "£45,000.00",
            "lead": "Cluster lead",
            "provider": "",
            "exit_strategy": "",
            "state": "active",
        },
    )

    def parse_row(self, reader: RowReader) -> ProjectValues | None:
        return read_project(reader)

    def check_all(self, parsed, problems):
        seen: dict[str, int] = {}
        for line, row in parsed:
            if row.code in seen:
                problems.append(
                    Problem(
                        line,
                        "code",
                        _("%(code)s already appears on line %(other)s") % {"code": row.code, "other": seen[row.code]},
                    )
                )
            seen.setdefault(row.code, line)
        codes = {c for _, row in parsed for c in row.clusters}
        self._clusters = {
            u.code: u for u in seen_units(self.user, OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=codes))
        }
        self._existing = {
            p.code: p
            for p in Project.objects.filter(code__in={row.code for _, row in parsed}).prefetch_related("clusters")
        }
        seen = set(seen_projects(self.user).filter(code__in=self._existing).values_list("code", flat=True))
        for line, row in parsed:
            if row.code in self._existing and row.code not in seen:
                # it cannot be created either; nothing about it is told
                problems.append(Problem(line, "code", _("a project with this code exists already")))
        for line, row in parsed:
            unknown = [c for c in row.clusters if c not in self._clusters]
            if unknown:
                problems.append(
                    Problem(
                        line,
                        "clusters",
                        _("not known cluster codes: %(codes)s") % {"codes": ", ".join(unknown)},
                    )
                )

    def claims(self, parsed):
        for line, row in parsed:
            project = self._existing.get(row.code)
            now = tuple(project.clusters.all()) if project else ()
            yield Claim(line, now, tuple(self._clusters[c] for c in row.clusters if c in self._clusters))

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        rows = [row for _, row in parsed]
        codes = [r.code for r in rows]
        existing = {p.code: p for p in Project.objects.filter(code__in=codes)}
        linked: dict[int, set[int]] = {}
        for project_id, unit_id in PROJECT_CLUSTERS.objects.filter(
            project_id__in=[p.pk for p in existing.values()]
        ).values_list("project_id", "orgunit_id"):
            linked.setdefault(project_id, set()).add(unit_id)
        wanted = {row.code: {self._clusters[c].pk for c in row.clusters} for row in rows}
        now = timezone.now()
        new, changed = [], []
        for row in rows:
            project = existing.get(row.code)
            values = {name: getattr(row, name) for name in PROJECT_FIELDS}
            if row.state:
                values["state"] = row.state
            if project is None:
                new.append(Project(code=row.code, **values))
                continue
            differs = [name for name, value in values.items() if getattr(project, name) != value]
            if differs or linked.get(project.pk, set()) != wanted[row.code]:
                # a change of clusters alone is a change too, recorded in the project's history
                for name in differs:
                    setattr(project, name, values[name])
                project.version += 1
                project.updated_at = now
                changed.append(project)
            else:
                outcome.unchanged += 1
        outcome.created = len(bulk_create_with_history(new, Project, batch_size=BATCH, default_user=self.user))
        if changed:
            bulk_update_with_history(
                changed,
                Project,
                [*PROJECT_FIELDS, "state", "version", "updated_at"],
                batch_size=BATCH,
                default_user=self.user,
            )
        outcome.updated = len(changed)
        ids = dict(Project.objects.filter(code__in=codes).values_list("code", "pk"))
        set_clusters({ids[code]: units for code, units in wanted.items()})
        record_clusters([ids[p.code] for p in new] + [p.pk for p in changed])
        return outcome


class ReturnImporter(Importer):
    kind = "returns"
    label = gettext_lazy("Quarterly monitoring returns")
    required = (
        "project_code",
        "period",
        "target_attainment_pct",
        "budget_gbp",
        "forecast_spend_gbp",
        "milestone_delay_weeks",
        "quality",
        "resources",
        "stakeholders",
        "narrative",
        "rag_override",
        "override_reason",
    )
    example = (
        {
            "project_code": "AG-PAIN",
            "period": "2025-26-Q2",
            "target_attainment_pct": "96",
            "budget_gbp": "£20,000.50",
            "forecast_spend_gbp": "20500",
            "milestone_delay_weeks": "3",
            "quality": "expected",
            "resources": "none",
            "stakeholders": "engaged",
            "narrative": "Clinics running in both clusters.",
            "rag_override": "",
            "override_reason": "",
        },
    )

    def parse_row(self, reader: RowReader) -> ReturnValues | None:
        return read_return(reader)

    def check_all(self, parsed, problems):
        seen: dict[tuple[str, str], int] = {}
        for line, row in parsed:
            key = (row.project_code, row.period)
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "period",
                        _("%(code)s %(period)s already appears on line %(other)s")
                        % {"code": row.project_code, "period": row.period, "other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
        codes = {row.project_code for _, row in parsed}
        self._projects = {
            p.code: p
            for p in seen_projects(self.user, Project.objects.filter(code__in=codes)).prefetch_related("clusters")
        }
        for line, row in parsed:
            if row.project_code not in self._projects:
                problems.append(
                    Problem(
                        line,
                        "project_code",
                        _("“%(code)s” is not a known project code") % {"code": row.project_code},
                    )
                )

    def claims(self, parsed):
        for line, row in parsed:
            yield Claim(line, tuple(self._projects[row.project_code].clusters.all()), need=Need.REPORT)

    def write(self, parsed) -> Outcome:
        outcome = Outcome()
        rows = [row for _, row in parsed]
        project_ids = {code: p.pk for code, p in self._projects.items()}
        existing = {
            (r.project_id, r.period): r
            for r in MonitoringReturn.objects.filter(
                project_id__in=set(project_ids.values()), period__in={row.period for row in rows}
            )
        }
        now = timezone.now()
        user_id = getattr(self.user, "pk", None)
        new, changed = [], []
        for row in rows:
            key = (project_ids[row.project_code], row.period)
            current = existing.get(key)
            values = editable_values(row)
            if current is None:
                # plain values, not a model instance: a national file has a hundred thousand of these
                new.append((key, values, statuses(row)))
            elif any(getattr(current, name) != value for name, value in zip(EDITABLE_FIELDS, values, strict=True)):
                for name, value in zip(EDITABLE_FIELDS, values, strict=True):
                    setattr(current, name, value)
                apply_rules(current)
                current.version += 1
                current.updated_at = now
                changed.append(current)
            else:
                outcome.unchanged += 1
        # where each return stands in its project's series, with the file's returns in it; the
        # returns already stored whose trend moves are restated here too
        pending = {key: status for key, _values, (_computed, status) in new}
        pending.update({(r.project_id, r.period): r.status for r in changed})
        standing = restate({key[0] for key in pending}, pending)
        for item in changed:
            set_standing(item, standing[(item.project_id, item.period)])
        new = [(*key, *values, *statuses_, *stored(standing[key]), user_id, 1) for key, values, statuses_ in new]
        outcome.created = insert_with_history(
            MonitoringReturn, NEW_RETURN_FIELDS, new, key=("period", "project_id"), user=self.user
        )
        if changed:
            bulk_update_with_history(
                changed,
                MonitoringReturn,
                [*EDITABLE_FIELDS, "computed_rag", "status", *STANDING_FIELDS, "version", "updated_at"],
                batch_size=BATCH,
                default_user=self.user,
            )
        outcome.updated = len(changed)
        return outcome
