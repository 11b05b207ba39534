"""`cymuned import projects PATH` and `cymuned import returns PATH`."""

from operator import attrgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cymuned.accounts.access import Need, seen_projects
from cymuned.imports.base import Claim, Importer, Reference, by_code
from cymuned.imports.fields import Problem, RowReader
from cymuned.imports.references import units
from cymuned.imports.upsert import Upsert
from cymuned.orgs.models import Kind

from .bulk import insert_with_history
from .fields import PROJECT_COLUMNS, RETURN_COLUMNS, ProjectValues, ReturnValues, project_rules, return_rules
from .models import MonitoringReturn, Project
from .projects import PROJECT_CLUSTERS, record_clusters, set_clusters
from .returns import EDITABLE_FIELDS, STANDING_FIELDS, apply_rules, restate, set_standing

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


def projects(column: str = "project_code") -> Reference:
    """Projects named by code; one the person may not see reads exactly like an unknown code."""
    return Reference(
        column,
        by_code(lambda: Project.objects.prefetch_related("clusters"), seen_projects),
        gettext_lazy("“%(code)s” is not a known project code"),
    )


class ProjectImporter(Importer):
    kind = "projects"
    label = gettext_lazy("Projects")
    columns = PROJECT_COLUMNS  # as the project form reads them
    row_type = ProjectValues
    key = ("code",)
    references = (units("clusters", Kind.CLUSTER, gettext_lazy("not known cluster codes: %(code)s"), many=True),)
    upsert = Upsert(Project, key=("code",), fields=(*PROJECT_FIELDS, "state"), version=True, stamp="updated_at")
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

    def rules(self, row: ProjectValues, reader: RowReader) -> None:
        project_rules(row, reader)

    def check(self, parsed, problems):
        self._existing = {
            p.code: p
            for p in Project.objects.filter(code__in={row.code for _, row in parsed}).prefetch_related("clusters")
        }
        seen = set(seen_projects(self.user).filter(code__in=self._existing).values_list("code", flat=True))
        for line, row in parsed:
            if row.code in self._existing and row.code not in seen:
                # it cannot be created either; nothing about it is told
                problems.append(Problem(line, "code", _("a project with this code exists already")))
        self._linked: dict[int, set[int]] = {}
        for project_id, unit_id in PROJECT_CLUSTERS.objects.filter(
            project_id__in=[p.pk for p in self._existing.values()]
        ).values_list("project_id", "orgunit_id"):
            self._linked.setdefault(project_id, set()).add(unit_id)

    def claims(self, parsed):
        for line, row in parsed:
            project = self._existing.get(row.code)
            now = tuple(project.clusters.all()) if project else ()
            yield Claim(line, now, tuple(self.found["clusters"][c] for c in row.clusters))

    def wanted_clusters(self, row: ProjectValues) -> set[int]:
        return {self.found["clusters"][c].pk for c in row.clusters}

    def values(self, row: ProjectValues):
        values = {"code": row.code, **{name: getattr(row, name) for name in PROJECT_FIELDS}}
        # a blank state leaves the project's state as it is (a new project starts as the model says)
        current = self._existing.get(row.code)
        values["state"] = row.state or (current.state if current else Project._meta.get_field("state").default)
        return values

    def also_changed(self, record, row: ProjectValues) -> bool:
        # a change of clusters alone is a change too, recorded in the project's history
        return self._linked.get(record.pk, set()) != self.wanted_clusters(row)

    def after_write(self, parsed, planned):
        rows = [row for _, row in parsed]
        ids = dict(Project.objects.filter(code__in=[r.code for r in rows]).values_list("code", "pk"))
        set_clusters({ids[row.code]: self.wanted_clusters(row) for row in rows})
        record_clusters([ids[p.code] for p in planned.new] + [p.pk for p in planned.changed])


class ReturnImporter(Importer):
    kind = "returns"
    label = gettext_lazy("Quarterly monitoring returns")
    columns = RETURN_COLUMNS  # as the return form reads them
    row_type = ReturnValues
    key = ("project_code", "period")
    key_column = "period"
    references = (projects(),)
    upsert = Upsert(
        MonitoringReturn,
        key=("project", "period"),
        fields=EDITABLE_FIELDS,
        also_write=("computed_rag", "status", *STANDING_FIELDS),
        version=True,
        stamp="updated_at",
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

    def rules(self, row: ReturnValues, reader: RowReader) -> None:
        return_rules(row, reader)

    def claims(self, parsed):
        for line, row in parsed:
            yield Claim(line, tuple(self.resolved("project_code", row).clusters.all()), need=Need.REPORT)

    def values(self, row: ReturnValues):
        return {
            "project": self.resolved("project_code", row),
            "period": row.period,
            **dict(zip(EDITABLE_FIELDS, editable_values(row), strict=True)),
        }

    def before_write(self, parsed, planned):
        """Each return's status by the rules, and where it stands in its project's series with the
        file's returns in it; the returns already stored whose trend moves are restated here too."""
        touched = [*planned.new, *planned.changed]
        for item in touched:
            apply_rules(item)
        standing = restate({r.project_id for r in touched}, {(r.project_id, r.period): r.status for r in touched})
        for item in touched:
            set_standing(item, standing[(item.project_id, item.period)])

    def create(self, records):
        # plain values, not the model's bulk insert: a national file has a hundred thousand of these
        user_id = getattr(self.user, "pk", None)
        rows = [
            (
                r.project_id,
                r.period,
                *editable_values(r),
                r.computed_rag,
                r.status,
                *(getattr(r, name) for name in STANDING_FIELDS),
                user_id,
                1,
            )
            for r in records
        ]
        insert_with_history(MonitoringReturn, NEW_RETURN_FIELDS, rows, key=("period", "project_id"), user=self.user)
