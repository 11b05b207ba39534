"""Gathering the register for pages and the `risks` command: the open risks of a unit and every unit
beneath it, as the register stood at the end of a day."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cymuned.accounts.access import scope
from cymuned.orgs.hierarchy import descendant_ids
from cymuned.orgs.models import OrgUnit
from cymuned.periods import LOCAL_ZONE, local_date

from .bands import band_of, heat_map, is_overdue
from .models import Risk, Status


def visible_risks(user) -> QuerySet[Risk]:
    return scope(user, Risk).select_related("unit", "project")


def beneath(units: QuerySet[Risk], unit: OrgUnit, on: dt.date) -> QuerySet[Risk]:
    return units.filter(unit_id__in=descendant_ids([unit.pk], on))


@dataclass(frozen=True)
class Entry:
    reference: str
    title: str
    score: int
    band: str
    target_score: int
    review_date: dt.date | None
    overdue: bool


def as_of(unit: OrgUnit, on: dt.date | None, user=None) -> list[Risk]:
    """The open risks of the unit and the units beneath it: today from the register, on an earlier
    day as the register's history held them at the end of that day."""
    today = local_date()
    if on is None or on >= today:
        risks = beneath(scope(user, Risk), unit, on or today).filter(status=Status.OPEN)
        return list(risks.order_by("reference"))
    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL_ZONE)
    allowed = set(beneath(scope(user, Risk), unit, on).values_list("pk", flat=True))
    held = Risk.history.as_of(end.astimezone(timezone.get_current_timezone()))
    return sorted(
        (risk for risk in held if risk.pk in allowed and risk.status == Status.OPEN), key=lambda r: r.reference
    )


def summary(unit: OrgUnit, risks: list[Risk], on: dt.date) -> dict:
    """The `risks --format json` object."""
    entries = [
        Entry(
            r.reference,
            r.title,
            r.score,
            band_of(r.score).key,
            r.target_score,
            r.review_date,
            is_overdue(r.review_date, on),
        )
        for r in risks
    ]
    return {
        "unit": unit.code,
        "risks": [
            {
                "reference": e.reference,
                "title": e.title,
                "score": e.score,
                "band": e.band,
                "target_score": e.target_score,
                "review_date": e.review_date.isoformat() if e.review_date else None,
                "overdue": e.overdue,
            }
            for e in entries
        ],
        "heat_map": heat_map((r.likelihood, r.consequence) for r in risks),
        "overdue": sum(e.overdue for e in entries),
    }
