"""Synthetic workforce for Hywel Dda's seven clusters over eight quarters (2024-25 and 2025-26), marked
synthetic: GPs, practice nurses and administrative staff per practice; the cluster-employed
multi-professional team per cluster; the posts funded by monitored projects (the Physician Associate
of North Ceredigion until the project ends in November 2025, the social prescribers, the first
contact physiotherapists, the Tywi/Taf pharmacist); and the leadership posts. Loaded through the
importer, from a seeded random generator, so every run gives the same figures."""

import csv
import io
import random
from datetime import date
from decimal import Decimal

from cymuned.orgs.hierarchy import practices_in
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear
from cymuned.portfolio.models import Project

from .importers import WorkforceImporter
from .models import LeadershipPost, LeadershipRole, StaffInPost

CLUSTERS = ("AG", "LL", "TT", "NC", "SC", "NP", "SP")
CLUSTER_TEAM = (
    ("pharmacist", 2),
    ("pharmacy_technician", 1),
    ("advanced_paramedic_practitioner", 2),
    ("occupational_therapist", 1),
    ("mental_health_practitioner", 1),
    ("healthcare_support_worker", 2),
)
# (project, staff group, FTE): posts funded by monitored projects, while the project runs
PROJECT_POSTS = (
    ("NC-PA", "physician_associate", Decimal("1.00")),
    ("AG-SOCPRES", "social_prescriber", Decimal("1.00")),
    ("NP-SOCPRES", "social_prescriber", Decimal("0.80")),
    ("LL-FCP", "physiotherapist", Decimal("1.00")),
    ("NC-FCP", "physiotherapist", Decimal("0.60")),
    ("TT-PHARM", "pharmacist", Decimal("1.00")),
)


def periods():
    return [q for year in (2024, 2025) for q in FinancialYear(year).quarters()]


def rows() -> list[dict]:
    rng = random.Random(18)
    today = date(2025, 1, 1)
    out = []
    clusters = {c.code: c for c in OrgUnit.objects.filter(kind=Kind.CLUSTER, code__in=CLUSTERS)}
    practices = {code: practices_in(cluster, today) for code, cluster in clusters.items()}
    projects = {p.code: p for p in Project.objects.filter(code__in=[p for p, _g, _f in PROJECT_POSTS])}
    for quarter in periods():
        growth = Decimal(quarter.year.start_year - 2024) * 4 + quarter.number  # a slow rise
        for code in CLUSTERS:
            for practice in practices.get(code, []):
                for group, base in (("gp", 4), ("practice_nurse", 2), ("administrative", 6)):
                    head = max(1, base + rng.randint(-1, 2))
                    fte = (Decimal(head) * Decimal(rng.randint(60, 95)) / 100).quantize(Decimal("0.01"))
                    out.append(_row(practice.code, quarter, group, head, fte, "core"))
            for group, base in CLUSTER_TEAM:
                head = base + (1 if growth > 4 and rng.random() < 0.5 else 0)
                fte = (Decimal(head) * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal("0.01"))
                out.append(_row(code, quarter, group, head, fte, "cluster_funds"))
        for project_code, group, fte in PROJECT_POSTS:
            project = projects.get(project_code)
            if project is None or project.start_date > quarter.end:
                continue
            if project.end_date is not None and project.end_date < quarter.start:
                continue
            cluster = project_code.split("-")[0]
            out.append(_row(cluster, quarter, group, 1, fte, "cluster_funds", project_code))
    return out


def _row(unit, quarter, group, head, fte, funding, project="") -> dict:
    return {
        "unit": unit,
        "period": str(quarter),
        "staff_group": group,
        "headcount": head,
        "fte": fte,
        "funding_source": funding,
        "project_code": project,
        "synthetic": "yes",
    }


def leadership() -> None:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*CLUSTERS, "IN-LL", "IN-TT", "IN-PEM", "IN-CER"])}
    for code in CLUSTERS:
        if code in units:
            LeadershipPost.objects.create(
                unit=units[code],
                role=LeadershipRole.CLUSTER_LEAD,
                holder=f"Cluster Lead {code} (synthetic)",
                valid_from=date(2023, 4, 1),
                sessions_per_week=Decimal(2),
                agreement="Service level agreement",
                synthetic=True,
            )
    for code in ("IN-LL", "IN-TT", "IN-PEM", "IN-CER"):
        if code in units:
            LeadershipPost.objects.create(
                unit=units[code],
                role=LeadershipRole.CLINICAL_DIRECTOR,
                holder="",  # to be appointed for April 2027
                valid_from=date(2027, 4, 1),
                sessions_per_week=Decimal(6),
                synthetic=True,
            )
    for collaborative in OrgUnit.objects.filter(kind=Kind.COLLABORATIVE, code__in=[f"{c}-GMS" for c in CLUSTERS]):
        LeadershipPost.objects.create(
            unit=collaborative,
            role=LeadershipRole.COLLABORATIVE_LEAD,
            profession="GMS",
            holder=f"Collaborative lead {collaborative.code} (synthetic)",
            valid_from=date(2024, 4, 1),
            sessions_per_week=Decimal(1),
            synthetic=True,
        )


def load(stdout) -> None:
    if StaffInPost.objects.exists() or not OrgUnit.objects.filter(code="NC").exists():
        return
    data = rows()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(data[0]))
    writer.writeheader()
    writer.writerows(data)
    stdout.write(f"demo workforce: {WorkforceImporter().run(buffer.getvalue().encode(), 'workforce-synthetic.csv')}")
    leadership()
