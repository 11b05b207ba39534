"""Synthetic meetings of 2024-25 for Hywel Dda, marked synthetic: each general practice collaborative's
four meetings with its practices attending, and the other collaboratives' four (South Pembrokeshire's collaborative met three times, and
one Amman Gwendraeth practice missed one meeting, so the compliance view has something to show), the
quarterly cluster meetings, and a Value and Sustainability Group meeting with decisions on projects."""

from datetime import date

from cymuned.orgs.hierarchy import practices_in
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.portfolio.models import Project

from .models import Attendance, Decision, Meeting, MeetingKind, ProjectDecision

CLUSTERS = ("AG", "LL", "TT", "NC", "SC", "NP", "SP")
DATES = (date(2024, 5, 15), date(2024, 9, 11), date(2024, 12, 4), date(2025, 3, 12))
DECISIONS = (
    ("NC-PA", Decision.STOP, "Evaluate and end as planned in November 2025 (synthetic)."),
    ("AG-DERM", Decision.STOP, "End in May 2025 (synthetic)."),
    ("LL-FCP", Decision.MAINSTREAM, "Mainstream into core services (synthetic)."),
    ("SC-FRAIL", Decision.CONTINUE, "Continue for a further year (synthetic)."),
)


def load(stdout) -> None:
    if Meeting.objects.exists() or not OrgUnit.objects.filter(code="AG-GMS").exists():
        return
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*CLUSTERS, *[f"{c}-GMS" for c in CLUSTERS], "7A2"])}
    for code in CLUSTERS:
        practices = practices_in(units[code], date(2025, 1, 1))
        for n, day in enumerate(DATES):
            if code == "SP" and n == 3:
                continue  # the fourth meeting did not happen
            meeting = Meeting.objects.create(
                unit=units[f"{code}-GMS"], kind=MeetingKind.COLLABORATIVE, date=day, synthetic=True
            )
            present = practices[1:] if code == "AG" and n == 2 else practices
            Attendance.objects.bulk_create([Attendance(meeting=meeting, practice=p) for p in present])
            Meeting.objects.create(unit=units[code], kind=MeetingKind.CLUSTER, date=day, synthetic=True)
    others = [
        unit
        for unit in OrgUnit.objects.filter(kind=Kind.COLLABORATIVE)
        if unit.code.split("-")[0] in CLUSTERS and not unit.code.endswith("-GMS")
    ]
    Meeting.objects.bulk_create(
        Meeting(unit=unit, kind=MeetingKind.COLLABORATIVE, date=day, synthetic=True) for unit in others for day in DATES
    )
    vsg = Meeting.objects.create(
        unit=units["7A2"], kind=MeetingKind.VALUE_SUSTAINABILITY, date=date(2025, 3, 20), synthetic=True
    )
    projects = {p.code: p for p in Project.objects.filter(code__in=[c for c, _d, _n in DECISIONS])}
    for code, decision, note in DECISIONS:
        if code in projects:
            ProjectDecision.objects.create(meeting=vsg, project=projects[code], decision=decision, note=note)
    stdout.write(f"demo meetings: {Meeting.objects.count()} synthetic meetings")
