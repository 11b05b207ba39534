"""Report pages: the list, the monitoring paper and the cluster data pack as HTML with Word and PDF
downloads, and the meeting details of each committee.

Access. A paper is about one health board. Who may view the health board gets the whole board's
paper. Who may view only some of its clusters gets a paper limited to those clusters, and the page
says so; who may view none of them is refused. A data pack needs view rights on its cluster.
Meeting details are changed by editors of the committee's health board.

Large papers. A paper about more than `CYMUNED_PAPER_JOB_ABOVE` projects (background.py) is not
written inside the request: the page offers to write it as a background job (a POST), then sends the
person to the job's page, from which the file is downloaded (`paper_file`) by who may open the job and
may still read the paper.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cymuned import edges
from cymuned.accounts.access import may_change_committee, may_read_paper, may_see_committee, seen_jobs
from cymuned.accounts.rules import can_view, require, visible_unit_ids
from cymuned.jobs.models import Job
from cymuned.orgs.models import Kind, Membership, OrgUnit, name_order
from cymuned.periods import Quarter
from cymuned.portfolio.access import visible_projects
from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.queries import default_period

from . import tasks
from .background import in_background
from .data_pack import data_pack_document
from .forms import CommitteeForm, PaperDetailsForm, editable_boards
from .models import Committee
from .render_html import render_fragment
from .writing import FORMATS, monitored_projects, monitoring_document, scope_of, write

LANGUAGE_CHOICES = ("en", "cy", "both")
DOCUMENT_FORMATS = ("docx", "pdf")


def _periods() -> list[str]:
    return list(MonitoringReturn.objects.values_list("period", flat=True).distinct().order_by("-period"))


def _period(request) -> Quarter:
    """The quarter asked for, parsed here once; without one (or a bad one), the latest quarter whose
    returns are substantially in (portfolio.coverage)."""
    chosen = edges.quarter(request.GET.get("period"))
    if chosen is not None:
        return chosen
    latest = default_period(visible_projects(request.user))
    if latest is None:
        raise Http404(_("There are no monitoring returns yet."))
    return Quarter.parse(latest)


def _language(request, allowed=LANGUAGE_CHOICES) -> str:
    return edges.choice(request.GET.get("language"), allowed, "cy" if translation.get_language() == "cy" else "en")


def _visible_boards(user) -> list[OrgUnit]:
    """Health boards of which the user may see at least one cluster with projects."""
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(projects__isnull=False)
    visible = visible_unit_ids(user)
    if visible is not None:
        clusters = clusters.filter(pk__in=visible)
    links = Membership.objects.filter(child__in=clusters, parent__kind=Kind.HEALTH_BOARD).values("parent_id")
    return list(OrgUnit.objects.filter(pk__in=links).order_by(*name_order()))


def _visible_committees(user) -> list[Committee]:
    return [c for c in Committee.objects.select_related("health_board") if may_see_committee(user, c.health_board)]


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    spec = FORMATS[fmt]
    response = HttpResponse(data, content_type=spec.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{spec.extension}"'
    return response


def index(request):
    visible = visible_unit_ids(request.user)
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(projects__isnull=False).distinct().order_by(*name_order())
    if visible is not None:
        clusters = clusters.filter(pk__in=visible)
    committees = _visible_committees(request.user)
    return render(
        request,
        "reports/index.html",
        {
            "periods": _periods(),
            "boards": _visible_boards(request.user),
            "committees": committees,
            "editable": [c for c in committees if _may_edit(request.user, c)],
            "can_add": bool(editable_boards(request.user)),
            "clusters": clusters,
            "language": _language(request),
        },
    )


def _meeting_date(request):
    """A date of meeting given for this paper in the query string (YYYY-MM-DD), or None."""
    return edges.iso_date(request.GET.get("meeting_date"))


def monitoring(request):
    period = _period(request)
    language = _language(request)
    committee = None
    if request.GET.get("committee"):
        chosen = edges.identifier(request.GET["committee"])
        if chosen is None:
            raise Http404
        committee = get_object_or_404(Committee.objects.select_related("health_board"), pk=chosen)
        if not may_see_committee(request.user, committee.health_board):
            raise Http404
    board_code = request.GET.get("board") or (
        committee.health_board.code if committee and committee.health_board else ""
    )
    boards = _visible_boards(request.user)
    board = next((b for b in boards if b.code == board_code), None) if board_code else (boards[0] if boards else None)
    if board is None:
        raise PermissionDenied
    whole = can_view(request.user, board)
    visible = None if whole else visible_unit_ids(request.user)
    covered = scope_of(period, health_board=board.code, visible=visible).clusters
    if not covered:
        raise PermissionDenied
    meeting_date = _meeting_date(request) or (committee.meeting_date if committee else None)
    projects = monitored_projects(period, [c.code for c in covered])
    background = in_background(projects, settings.CYMUNED_PAPER_JOB_ABOVE)
    if request.method == "POST" and "write" in request.POST:
        return _write_in_background(request, period, language, board, committee, meeting_date)
    details_form = None
    if committee is not None and _may_edit(request.user, committee):
        details_form = PaperDetailsForm(request.POST if request.method == "POST" else None, instance=committee)
        if request.method == "POST" and details_form.is_valid():
            saved = details_form.save(commit=False)
            saved.updated_by = request.user
            saved._history_user = request.user
            saved.save()
            messages.success(request, _("Paper details saved for %(committee)s.") % {"committee": saved.name_en})
            return redirect(request.get_full_path())
    elif request.method == "POST":
        raise PermissionDenied
    fmt = edges.choice(request.GET.get("download"), DOCUMENT_FORMATS, None)
    if fmt is not None and meeting_date is not None and background:
        messages.info(request, _("A paper this large is written in the background: choose Word or PDF below."))
        fmt = None
    document = monitoring_document(
        period, language, committee, health_board=board.code, visible=visible, meeting_date=meeting_date
    )
    if fmt in ("docx", "pdf") and meeting_date is not None:
        return _download(write(document, fmt), fmt, f"monitoring-{board.code}-{period}-{language}")
    return render(
        request,
        "reports/paper.html",
        {
            "body": mark_safe(render_fragment(document)),  # render_html escapes every value
            "kind": "monitoring",
            "period": str(period),
            "periods": _periods(),
            "language": language,
            "board": board,
            "boards": boards,
            "committee": committee,
            "committees": _visible_committees(request.user),
            "covered": None if whole else covered,
            "meeting_date": meeting_date,
            "details_form": details_form,
            "background": background,
            "projects": projects,
        },
        status=400 if details_form is not None and details_form.errors else 200,
    )


def _write_in_background(request, period, language, board, committee, meeting_date):
    """Queue the paper as a job (whoever may see the paper may ask for it) and go to the job's page."""
    fmt = edges.choice(request.POST.get("write"), DOCUMENT_FORMATS, None)
    if fmt is None:
        messages.error(request, _("Choose Word or PDF."))
        return redirect(request.get_full_path())
    if meeting_date is None:
        messages.error(request, _("Give the date of the meeting before the paper is written."))
        return redirect(request.get_full_path())
    asked = tasks.PaperAsked(
        period=period,
        language=language,
        fmt=fmt,
        health_board=board.code,
        meeting_date=meeting_date,
        committee=committee.pk if committee else None,
    )
    job = tasks.queue_paper(asked, request.user)
    return redirect("jobs:job", pk=job.pk)


def paper_file(request, pk: int):
    """The file of a paper written in the background: for who may open its job (its owner, national
    administrators) and, asked again now, may still read what it covers (accounts.access.may_read_paper)."""
    jobs = Job.objects.filter(kind=tasks.KIND, state=Job.State.DONE, output__isnull=False)
    job = get_object_or_404(seen_jobs(request.user, jobs.select_related("output")), pk=pk)
    arguments = job.arguments
    board = get_object_or_404(OrgUnit, code=arguments.get("health_board", ""), kind=Kind.HEALTH_BOARD)
    codes = arguments.get("clusters")
    clusters = None
    if codes is not None:
        clusters = list(OrgUnit.objects.filter(code__in=codes, kind=Kind.CLUSTER))
        require(len(clusters) == len(set(codes)))  # a cluster since removed: nobody can be shown to see it
    require(may_read_paper(request.user, board, clusters))
    output = job.output
    response = HttpResponse(bytes(output.data), content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.name}"'
    return response


def data_pack(request, code: str):
    cluster = get_object_or_404(OrgUnit, code=code, kind=Kind.CLUSTER)
    require(can_view(request.user, cluster))
    period = _period(request)
    language = _language(request, ("en", "cy"))
    document = data_pack_document(cluster.code, period, language)
    fmt = edges.choice(request.GET.get("download"), DOCUMENT_FORMATS, None)
    if fmt is not None:
        return _download(write(document, fmt), fmt, f"data-pack-{cluster.code}-{period}-{language}")
    return render(
        request,
        "reports/paper.html",
        {
            "body": mark_safe(render_fragment(document)),  # render_html escapes every value
            "kind": "data-pack",
            "period": str(period),
            "periods": _periods(),
            "language": language,
            "cluster": cluster,
        },
    )


def _may_edit(user, committee: Committee) -> bool:
    return may_change_committee(user, committee.health_board)


def committee(request, pk: int | None = None):
    instance = get_object_or_404(Committee.objects.select_related("health_board"), pk=pk) if pk else None
    if instance is not None:
        require(_may_edit(request.user, instance))
    else:
        require(bool(editable_boards(request.user)))
    form = CommitteeForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("Meeting details saved for %(committee)s.") % {"committee": saved.name_en})
        return redirect("reports:index")
    return render(request, "reports/committee.html", {"form": form, "instance": instance})
