"""Who and what a paper is about, as plain values: the meeting on its cover, and the health board
and clusters it speaks of. Builders take these so they never query the database."""

import datetime
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .wording import say


@dataclass(frozen=True)
class Meeting:
    committee_en: str
    committee_cy: str
    date: date | None
    title_en: str
    title_cy: str
    lead_director_en: str
    lead_director_cy: str
    reporting_officer_en: str
    reporting_officer_cy: str
    for_decision: bool = False
    # Objectives, further information and impact (see paper_details): {key: {"en": …, "cy": …}}
    details: dict = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def default(cls, on: datetime.date | None = None) -> "Meeting":  # `date` here is the field
        """The Strategy and Planning Committee as the published July 2025 paper names it."""
        from .paper_details import PUBLISHED

        return cls(
            committee_en=say("committee_default", "en"),
            committee_cy=say("committee_default", "cy"),
            date=on,
            title_en=say("title_default", "en"),
            title_cy=say("title_default", "cy"),
            lead_director_en=say("lead_director_default", "en"),
            lead_director_cy=say("lead_director_default", "cy"),
            reporting_officer_en=say("reporting_officer_default", "en"),
            reporting_officer_cy=say("reporting_officer_default", "cy"),
            details=PUBLISHED,
        )


@dataclass(frozen=True)
class ClusterName:
    code: str
    name_en: str
    name_cy: str = ""
    county_en: str = ""
    county_cy: str = ""

    def name(self, language: str) -> str:
        return self.name_cy or self.name_en if language == "cy" else self.name_en

    def county(self, language: str) -> str:
        return self.county_cy or self.county_en if language == "cy" else self.county_en


@dataclass(frozen=True)
class Scope:
    """The health board and its clusters in the order the paper lists them (county, then code)."""

    board_en: str
    board_cy: str
    clusters: tuple[ClusterName, ...] = field(default=())

    def board(self, language: str) -> str:
        return self.board_cy or self.board_en if language == "cy" else self.board_en

    @cached_property
    def _by_code(self) -> dict[str, tuple[int, ClusterName]]:
        """Each code's first place and name: looked up for every listed project (some 19,000 in a paper
        for all of Wales, with 1,300 clusters), so once rather than by searching the clusters each time."""
        found: dict[str, tuple[int, ClusterName]] = {}
        for index, cluster in enumerate(self.clusters):
            found.setdefault(cluster.code, (index, cluster))
        return found

    def position(self, code: str) -> tuple[int, str]:
        """Sort key that lists clusters in the paper's order; unknown codes go last."""
        found = self._by_code.get(code)
        return (found[0] if found else len(self.clusters), code)

    def named(self, code: str) -> ClusterName:
        found = self._by_code.get(code)
        return found[1] if found else ClusterName(code, code)

    @classmethod
    def from_summary(cls, summary: dict) -> "Scope":
        """A fallback when no scope is given: the clusters the summary mentions, named by its finance rows."""
        names = {row["cluster"]: row.get("name", row["cluster"]) for row in summary.get("finance", [])}
        codes = set(names)
        for key in ("flagged", "finished", "for_review"):
            for item in summary.get(key, []):
                codes.update(item["clusters"])
        clusters = tuple(ClusterName(code, names.get(code, code)) for code in sorted(codes))
        return cls(say("wales", "en"), say("wales", "cy"), clusters)
