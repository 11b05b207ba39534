"""Reporting completeness, as health information systems count it: each expected return is received
on time, received late, or missing (once its due date has passed); rates are received ÷ expected."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from cymuned.periods import local_date


class Status(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_YET_DUE = "not_yet_due"


def received(first_submitted: datetime | None, holds_values: bool) -> datetime | None:
    """When a return counts as received: when it was first sent holding values. A return that holds
    no value (an empty form, or a project with no measures to return) has not been received."""
    return first_submitted if holds_values else None


def may_send_link(measures: int) -> bool:
    """A provider is sent a link only for a return that asks for something: a project with measures."""
    return measures > 0


def status(due: date, first_received: datetime | None, today: date) -> Status:
    """On time when received on or before the due date as a day in Wales (a return sent at 00:30 BST
    the day after it was due is late, though it is still the due date in UTC)."""
    if first_received is not None:
        return Status.ON_TIME if local_date(first_received) <= due else Status.LATE
    return Status.MISSING if today > due else Status.NOT_YET_DUE


@dataclass(frozen=True)
class Expected:
    key: str  # project code
    groups: dict[str, list[str]]  # {"cluster": [...], "provider": [...], "project": [...]}
    status: Status


@dataclass(frozen=True)
class Rate:
    group: str
    expected: int
    on_time: int
    late: int
    missing: int

    @property
    def received(self) -> int:
        return self.on_time + self.late

    @property
    def completeness_pct(self) -> int | None:
        due = self.on_time + self.late + self.missing
        return None if due == 0 else round(100 * self.received / due)

    @property
    def timeliness_pct(self) -> int | None:
        due = self.on_time + self.late + self.missing
        return None if due == 0 else round(100 * self.on_time / due)


def rates(items: Iterable[Expected], by: str) -> list[Rate]:
    return rates_of((item.groups.get(by, ()), item.status) for item in items)


def rates_of(pairs: Iterable[tuple[Iterable[str], Status]]) -> list[Rate]:
    """Rates by group from (the groups an expected return counts in, its status): what `rates` counts,
    for a caller that has the pairs without building an Expected for each of tens of thousands."""
    counts: dict[str, Counter[Status]] = defaultdict(Counter)
    for groups, state in pairs:
        for group in groups:
            counts[group][state] += 1
    return [
        Rate(group, sum(c.values()), c[Status.ON_TIME], c[Status.LATE], c[Status.MISSING])
        for group, c in sorted(counts.items())
    ]
