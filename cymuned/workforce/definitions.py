"""Loading the staff groups from their data file (`definitions/staff_groups.json`)."""

import json
from pathlib import Path

FILE = Path(__file__).parent / "definitions" / "staff_groups.json"


def ensure_staff_groups() -> None:
    """Load the groups into an empty table (a new database stays empty until staff are recorded, so
    a backup can be restored into it)."""
    from .models import StaffGroup

    if not StaffGroup.objects.exists():
        load_staff_groups(StaffGroup)


def staff_groups() -> list:
    """The groups in their order: the table's rows, or, while nothing has been recorded, the file's
    groups unsaved (reading a page never writes)."""
    from .models import StaffGroup

    groups = list(StaffGroup.objects.all())
    if groups:
        return groups
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return [
        StaffGroup(
            code=group["code"],
            name_en=group["name_en"],
            name_cy=group["name_cy"],
            order=order,
            statswales_column=group.get("statswales", ""),
        )
        for order, group in enumerate(data["groups"], start=1)
    ]


def load_staff_groups(model) -> int:
    """Create or update every group of the file (by code); `model` is StaffGroup (or its migration state)."""
    data = json.loads(FILE.read_text(encoding="utf-8"))
    for order, group in enumerate(data["groups"], start=1):
        model.objects.update_or_create(
            code=group["code"],
            defaults={
                "name_en": group["name_en"],
                "name_cy": group["name_cy"],
                "order": order,
                "statswales_column": group.get("statswales", ""),
            },
        )
    return len(data["groups"])
