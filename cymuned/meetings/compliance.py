"""Meeting the contract: professional collaboratives meet at least four times a year, and practices
take part in their general practice collaborative's meetings (a GMS contract requirement; seed 002).
The number required is data (`REQUIRED`), by kind of meeting, per financial year."""

from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED: dict[str, int] = {"collaborative": 4}


@dataclass(frozen=True)
class Standing:
    code: str
    count: int  # meetings held (a collaborative) or attended (a practice)
    required: int

    @property
    def shortfall(self) -> int:
        return max(self.required - self.count, 0)

    @property
    def below(self) -> bool:
        return self.count < self.required


def standings(counts: Mapping[str, int], required: int) -> list[Standing]:
    """Each unit's standing against the number required, the furthest below first, then by code."""
    found = [Standing(code, count, required) for code, count in counts.items()]
    return sorted(found, key=lambda s: (-s.shortfall, s.code))


def below(counts: Mapping[str, int], required: int) -> list[Standing]:
    """Only those below the number required."""
    return [s for s in standings(counts, required) if s.below]
