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
    return groups or [StaffGroup(code=code, **fields) for code, fields in _file_groups()]


def _file_groups() -> list[tuple[str, dict]]:
    """(code, the other fields) of every group of the file, in its order."""
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return [
        (
            group["code"],
            {
                "name_en": group["name_en"],
                "name_cy": group["name_cy"],
                "order": order,
                "statswales_column": group.get("statswales", ""),
            },
        )
        for order, group in enumerate(data["groups"], start=1)
    ]


def load_staff_groups(model) -> int:
    """Create or update every group of the file (by code); `model` is StaffGroup (or its migration state)."""
    groups = _file_groups()
    for code, fields in groups:
        model.objects.update_or_create(code=code, defaults=fields)
    return len(groups)
