"""What changed in a project's return since the previous quarter's: the one definition the portfolio's
changes page and the project page read.

Four things are compared, each from the stored columns named in COMPARED: the RAG status (what
counts, the override where there is one), the trend stored on the return, the override (its status
and its reason) and the narrative. A text is compared exactly as stored, in English and in Welsh:
a narrative whose Welsh was added or rewritten has changed. The query that finds the changed returns
(portfolio.changes_query) is built from COMPARED too, so that the page lists exactly the returns for
which `changes` finds something.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import pgettext_lazy

from .rag import Rag, Trend


class Field(TextChoices):
    # headings of a list of changes ("RAG status: Green → Red"), capitalised in both languages
    STATUS = "status", pgettext_lazy("what changed", "RAG status")
    TREND = "trend", pgettext_lazy("what changed", "Trend")
    OVERRIDE = "override", pgettext_lazy("what changed", "Override")
    NARRATIVE = "narrative", pgettext_lazy("what changed", "Narrative")


# Each compared thing, and the stored columns of a return that make it up (in this order).
COMPARED: dict[Field, tuple[str, ...]] = {
    Field.STATUS: ("status",),
    Field.TREND: ("trend",),
    Field.OVERRIDE: ("rag_override", "override_reason", "override_reason_cy"),
    Field.NARRATIVE: ("narrative", "narrative_cy"),
}
COLUMNS: tuple[str, ...] = tuple(column for columns in COMPARED.values() for column in columns)


@dataclass(frozen=True)
class Text:
    """A text as written in English and, where written, in Welsh."""

    en: str = ""
    cy: str = ""

    def __bool__(self) -> bool:
        return bool(self.en or self.cy)

    def in_language(self, language: str) -> str:
        """The Welsh on a Welsh page where it is written, else the English."""
        return (self.cy or self.en) if language.lower().startswith("cy") else self.en


@dataclass(frozen=True)
class Override:
    """An override of the computed status, with its reason; `rag` None is no override."""

    rag: Rag | None = None
    reason: Text = Text()


@dataclass(frozen=True)
class ReturnValues:
    """The compared values of one return."""

    status: Rag | None = None
    trend: Trend | None = None
    override: Override = Override()
    narrative: Text = Text()

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "ReturnValues":
        """From a return's stored columns (COLUMNS), blank meaning none."""
        return cls(
            status=Rag(row["status"]) if row["status"] else None,
            trend=Trend(row["trend"]) if row["trend"] else None,
            override=Override(
                Rag(row["rag_override"]) if row["rag_override"] else None,
                Text(row["override_reason"] or "", row["override_reason_cy"] or ""),
            ),
            narrative=Text(row["narrative"] or "", row["narrative_cy"] or ""),
        )


@dataclass(frozen=True)
class Change:
    field: Field
    before: Any  # Rag | Trend | Override | Text | None, as the field holds
    after: Any


def changes(before: ReturnValues, after: ReturnValues) -> list[Change]:
    """What differs between the earlier return and the later one, in the order of Field; nothing when
    they are equal."""
    found = []
    for field in Field:
        old, new = getattr(before, field.value), getattr(after, field.value)
        if old != new:
            found.append(Change(field, old, new))
    return found
