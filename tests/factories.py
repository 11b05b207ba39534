"""Seeded factory functions for test data: small, explicit, no fixtures files."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model

from cymuned.accounts.models import Role, RoleGrant
from cymuned.orgs.models import Kind, ListSize, Membership, OrgUnit

_counter = itertools.count(1)


def unit(
    kind: str,
    code: str | None = None,
    parent: OrgUnit | None = None,
    since: date | None = None,
    **fields,
) -> OrgUnit:
    code = code or f"{kind[:3].upper()}{next(_counter)}"
    made = OrgUnit.objects.create(code=code, kind=kind, name_en=fields.pop("name_en", f"{kind} {code}"), **fields)
    if parent is not None:
        Membership.objects.create(child=made, parent=parent, valid_from=since)
    return made


def practice(
    cluster: OrgUnit,
    code: str | None = None,
    patients: int = 5000,
    as_of: date = date(2025, 1, 1),
    **fields,
) -> OrgUnit:
    made = unit(Kind.PRACTICE, code or f"W{80000 + next(_counter):05d}", parent=cluster, **fields)
    ListSize.objects.create(practice=made, patients=patients, as_of=as_of)
    return made


def user(username: str | None = None, roles: dict[OrgUnit, str] | None = None, **fields):
    made = get_user_model().objects.create_user(
        username or f"user{next(_counter)}", password="correct horse battery", **fields
    )
    for org_unit, role in (roles or {}).items():
        RoleGrant.objects.create(user=made, unit=org_unit, role=Role(role))
    return made


def project(code: str, clusters: list[OrgUnit], name: str | None = None, **fields):
    from cymuned.portfolio.models import Project

    made = Project.objects.create(
        code=code,
        name=name or f"Project {code}",
        start_date=fields.pop("start_date", date(2024, 4, 1)),
        annual_budget_gbp=fields.pop("annual_budget_gbp", 10000),
        **fields,
    )
    made.clusters.set(clusters)
    return made


def monitoring_return(project, period: str, user=None, **metrics):
    from cymuned.portfolio.models import MonitoringReturn
    from cymuned.portfolio.returns import save_return

    return save_return(MonitoringReturn(project=project, period=period, **metrics), user, None).instance
