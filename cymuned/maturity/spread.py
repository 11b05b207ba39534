"""The spread of raters' stages for one domain, and the disagreement flag.

Raters rate a domain independently (stages 1–4); the page shows how many rated it and the lowest,
middle and highest stage. Raters who differ by two stages or more (one says 1, another 3) are
flagged, so the consensus discussion starts there, as SCIROCCO-style workshops do.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

DISAGREEMENT_STAGES = 2  # raters this many stages apart or more are flagged


@dataclass(frozen=True)
class Spread:
    n: int
    min: int | None
    median: int | float | None  # the middle stage; a half when an even number of raters split
    max: int | None

    def as_dict(self) -> dict[str, int | float | None]:
        return {"n": self.n, "min": self.min, "median": self.median, "max": self.max}


def spread(stages: Sequence[int]) -> Spread:
    """n, lowest, median and highest of the stages given (all None when nobody rated)."""
    if not stages:
        return Spread(0, None, None, None)
    middle = statistics.median(stages)
    median: int | float = int(middle) if float(middle).is_integer() else float(middle)
    return Spread(len(stages), min(stages), median, max(stages))


def disagreement(stages: Sequence[int]) -> bool:
    """Raters differ by two stages or more."""
    return bool(stages) and max(stages) - min(stages) >= DISAGREEMENT_STAGES
