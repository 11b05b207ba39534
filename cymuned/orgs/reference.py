"""Loading the reference organisation (orgs/reference/wales.json): idempotent upserts by code."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from cymuned.upsert import CREATED, UPDATED, Upsert, upsert

from .models import Membership, OrgUnit

REFERENCE_FILE = Path(__file__).parent / "reference" / "wales.json"
UNIT_FIELDS = ("kind", "name_en", "name_cy", "profession", "valid_from", "valid_to")


UNITS = Upsert(OrgUnit, key=("code",), fields=UNIT_FIELDS)
# a link is known by its child, parent and start; its end is what a new edition of the file may change
LINKS = Upsert(Membership, key=("child", "parent", "valid_from"), fields=("valid_to",))


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    links_created: int = 0
    links_updated: int = 0


def _as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@transaction.atomic
def load_reference(path: Path = REFERENCE_FILE) -> LoadResult:
    document = json.loads(path.read_text(encoding="utf-8"))
    units = upsert(
        UNITS,
        [
            {
                "code": entry["code"],
                "kind": entry["kind"],
                "name_en": entry["name_en"],
                "name_cy": entry.get("name_cy", ""),
                "profession": entry.get("profession", ""),
                "valid_from": _as_date(entry.get("valid_from")),
                "valid_to": _as_date(entry.get("valid_to")),
            }
            for entry in document["units"]
        ],
    )
    by_code = {unit.code: unit for unit in OrgUnit.objects.filter(code__in={e["code"] for e in document["units"]})}
    links = upsert(
        LINKS,
        [
            {
                "child": by_code[link["child"]],
                "parent": by_code[link["parent"]],
                "valid_from": _as_date(link.get("valid_from")),
                "valid_to": _as_date(link.get("valid_to")),
            }
            for link in document["links"]
        ],
    )
    return LoadResult(
        created=units.count(CREATED),
        updated=units.count(UPDATED),
        links_created=links.count(CREATED),
        links_updated=links.count(UPDATED),
    )
