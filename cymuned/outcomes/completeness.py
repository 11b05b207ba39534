"""Reporting completeness, as health information systems count it: each expected return is received
on time, received late, or missing (once its due date has passed); rates are received ÷ expected."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Status(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_YET_DUE = "not_yet_due"


def status(due: date, first_received: datetime | None, today: date) -> Status:
    if first_received is not None:
        return Status.ON_TIME if first_received.date() <= due else Status.LATE
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
    counts: dict[str, Counter[Status]] = defaultdict(Counter)
    for item in items:
        for group in item.groups.get(by, []):
            counts[group][item.status] += 1
    return [
        Rate(group, sum(c.values()), c[Status.ON_TIME], c[Status.LATE], c[Status.MISSING])
        for group, c in sorted(counts.items())
    ]
