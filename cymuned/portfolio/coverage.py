"""How complete a quarter's monitoring returns are, and which quarter pages and papers show by default.

A project is *monitored* in a quarter when it has a return for it, or when it is running then: not a
proposal, started by the quarter's end, and either ending on or after the quarter's start or, with no
end date, still active or under review (a closed project without an end date counts only where it has
a return). A quarter's returns are *substantially in* when at least SUBSTANTIALLY_IN_PCT per cent of
the monitored projects have one: pages and papers default to the latest such quarter, so that one
early return for a new quarter does not turn every page to a quarter that is mostly "not assessed".
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

SUBSTANTIALLY_IN_PCT = Decimal(80)


@dataclass(frozen=True)
class Coverage:
    monitored: int
    with_return: int
    missing: tuple[str, ...]  # codes of monitored projects without a return, in code order

    @property
    def substantially_in(self) -> bool:
        """At least SUBSTANTIALLY_IN_PCT % of the monitored projects have a return (none monitored: no)."""
        return substantially_in(self.with_return, self.monitored)

    def as_dict(self) -> dict[str, Any]:
        return {"monitored": self.monitored, "with_return": self.with_return, "missing": list(self.missing)}


def substantially_in(with_return: int, monitored: int) -> bool:
    return monitored > 0 and Decimal(with_return) * 100 >= SUBSTANTIALLY_IN_PCT * monitored
