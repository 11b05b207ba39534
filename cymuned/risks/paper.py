"""The committee paper's "Datix Risk Register Reference and Score" field, from the register: each open
risk of the board (and the units beneath it) as the seed's papers cite them, "1937 – Risk of … (8)",
the highest current score first, then by reference; a risk without a Datix ID by its title alone."""

import datetime as dt

from cymuned.orgs.models import OrgUnit

from .bands import paper_line
from .register import as_of


def _reference_key(reference: str) -> tuple:
    return (0, int(reference), "") if reference.isdigit() else (1, 0, reference)


def datix_field(unit: OrgUnit, on: dt.date | None = None) -> str:
    risks = as_of(unit, on)
    risks.sort(key=lambda r: (-r.score, _reference_key(r.reference)))
    return "\n".join(paper_line(r.reference, r.title, r.score, not r.without_datix_id) for r in risks)
