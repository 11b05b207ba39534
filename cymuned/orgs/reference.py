"""Loading the reference organisation (orgs/reference/wales.json): idempotent upserts by code."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from .models import Membership, OrgUnit

REFERENCE_FILE = Path(__file__).parent / "reference" / "wales.json"
UNIT_FIELDS = ("kind", "name_en", "name_cy", "profession", "valid_from", "valid_to")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    links_created: int = 0


def _as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@transaction.atomic
def load_reference(path: Path = REFERENCE_FILE) -> LoadResult:
    document = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult()
    units: dict[str, OrgUnit] = {}
    for entry in document["units"]:
        wanted = {
            "kind": entry["kind"],
            "name_en": entry["name_en"],
            "name_cy": entry.get("name_cy", ""),
            "profession": entry.get("profession", ""),
            "valid_from": _as_date(entry.get("valid_from")),
            "valid_to": _as_date(entry.get("valid_to")),
        }
        unit = OrgUnit.objects.filter(code=entry["code"]).first()
        if unit is None:
            unit = OrgUnit.objects.create(code=entry["code"], **wanted)
            result.created += 1
        elif any(getattr(unit, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(unit, name, value)
            unit.save()
            result.updated += 1
        units[unit.code] = unit
    for link in document["links"]:
        _, created = Membership.objects.get_or_create(
            child=units[link["child"]],
            parent=units[link["parent"]],
            valid_from=_as_date(link.get("valid_from")),
            defaults={"valid_to": _as_date(link.get("valid_to"))},
        )
        result.links_created += created
    return result
