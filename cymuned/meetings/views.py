"""Meetings, their attendance and decisions, and the compliance view of collaborative meetings."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from cymuned import edges
from cymuned.accounts.access import holds_any_role, may_see_record, scope
from cymuned.accounts.rules import require
from cymuned.orgs.hierarchy import placements
from cymuned.orgs.models import Kind, Membership, OrgUnit, Profession, name_order
from cymuned.periods import FinancialYear, local_date

from .compliance import REQUIRED, standings
from .models import Attendance, Meeting, MeetingKind, ProjectDecision


def index(request):
    require(holds_any_role(request.user))
    year = edges.financial_year(request.GET.get("year")) or FinancialYear.containing(local_date())
    meetings = scope(request.user, Meeting).filter(date__gte=year.start, date__lte=year.end).select_related("unit")
    kind = edges.choice(request.GET.get("kind"), MeetingKind.values, "")
    if kind:
        meetings = meetings.filter(kind=kind)
    meetings = meetings.annotate(attended=Count("attendance", distinct=True), decided=Count("decisions", distinct=True))
    return render(
        request,
        "meetings/index.html",
        {"meetings": list(meetings.order_by("-date")), "year": year, "kind": kind, "kinds": MeetingKind.choices},
    )


def meeting(request, pk: int):
    found = Meeting.objects.filter(pk=pk).select_related("unit").first()
    if found is None:
        raise Http404
    if not may_see_record(request.user, found):
        raise PermissionDenied
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": found,
            "attendance": list(found.attendance.select_related("practice").order_by(*name_order("practice__"), "name")),
            "decisions": list(found.decisions.select_related("project")),
        },
    )


def _board_of(units: list[OrgUnit], on) -> dict[int, OrgUnit | None]:
    """Each unit's health board on the date: its own link, or its cluster's."""
    links = Membership.objects.on(on).filter(child__in=units).select_related("parent")
    direct = {link.child_id: link.parent for link in links if link.parent.kind == Kind.HEALTH_BOARD}
    via = {link.child_id: link.parent_id for link in links if link.parent.kind == Kind.CLUSTER}
    boards = {
        link.child_id: link.parent
        for link in Membership.objects.on(on)
        .filter(child_id__in=set(via.values()), parent__kind=Kind.HEALTH_BOARD)
        .select_related("parent")
    }
    return {u.pk: direct.get(u.pk) or boards.get(via.get(u.pk, 0)) for u in units}


def compliance(request):
    """Collaboratives that met fewer than four times in the year, and practices that attended fewer than
    four of their general practice collaborative's meetings, by health board."""
    require(holds_any_role(request.user))
    year = edges.financial_year(request.GET.get("year")) or FinancialYear.containing(local_date())
    on = min(year.end, max(year.start, local_date()))
    required = REQUIRED[MeetingKind.COLLABORATIVE]
    collaboratives = list(scope(request.user, OrgUnit, OrgUnit.objects.of_kind(Kind.COLLABORATIVE).existing_on(on)))
    held = scope(request.user, Meeting).filter(kind=MeetingKind.COLLABORATIVE, date__gte=year.start, date__lte=year.end)
    counts = dict(held.values_list("unit_id").annotate(n=Count("pk")))
    # a practice takes part in the general practice collaborative of its cluster
    gms = [c for c in collaboratives if c.profession == Profession.GMS]
    cluster_of_gms = dict(
        Membership.objects.on(on).filter(child__in=gms, parent__kind=Kind.CLUSTER).values_list("parent_id", "child_id")
    )
    practices = list(scope(request.user, OrgUnit, OrgUnit.objects.of_kind(Kind.PRACTICE).existing_on(on)))
    placed = placements(practices, on)
    attended = dict(
        Attendance.objects.filter(meeting__in=held, practice__in=practices)
        .values_list("practice_id")
        .annotate(n=Count("meeting", distinct=True))
    )
    expected = [p for p in practices if placed[p.pk][0] and placed[p.pk][0].pk in cluster_of_gms]
    boards = _board_of([*collaboratives, *expected], on)
    by_board: dict[str, dict] = defaultdict(lambda: {"collaboratives": [], "practices": []})
    names = {u.code: u for u in [*collaboratives, *expected]}
    for standing in standings({c.code: counts.get(c.pk, 0) for c in collaboratives}, required):
        if standing.below:
            board = boards.get(names[standing.code].pk)
            by_board[board.name if board else "–"]["collaboratives"].append((names[standing.code], standing))
    for standing in standings({p.code: attended.get(p.pk, 0) for p in expected}, required):
        if standing.below:
            board = boards.get(names[standing.code].pk)
            by_board[board.name if board else "–"]["practices"].append((names[standing.code], standing))
    return render(
        request,
        "meetings/compliance.html",
        {
            "year": year,
            "required": required,
            "boards": sorted(by_board.items()),
            "checked": len(collaboratives) + len(expected),
        },
    )


def project_panel(request, project) -> dict | None:
    decisions = list(
        scope(request.user, ProjectDecision, ProjectDecision.objects.filter(project=project))
        .select_related("meeting", "meeting__unit")
        .order_by("-meeting__date")
    )
    return {"decisions": decisions} if decisions else None
