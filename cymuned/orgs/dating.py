"""Effective dating: which link holds on a date. Pure functions over plain values."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    """A half-open interval [start, end); None means unbounded on that side."""

    start: date | None
    end: date | None

    def holds_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)

    def overlaps(self, other: "Span") -> bool:
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        other_starts_before_end = other.start is None or self.end is None or other.start < self.end
        return starts_before_other_ends and other_starts_before_end


def holding_on(spans: Iterable[tuple[Span, T]], when: date) -> list[T]:
    """The values whose span holds on `when`, in the order given."""
    return [value for span, value in spans if span.holds_on(when)]
