from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cymuned.accounts.rules import can_view, edits_anything, require, visible_unit_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import Quarter
from cymuned.portfolio.models import MonitoringReturn

from .data_pack import data_pack_document
from .forms import CommitteeForm
from .models import Committee
from .render_html import render_fragment
from .writing import FORMATS, monitoring_document, write


def _period(request) -> str:
    try:
        return str(Quarter.parse(request.GET.get("period", "")))
    except ValueError:
        latest = MonitoringReturn.objects.order_by("-period").values_list("period", flat=True).first()
        if latest is None:
            raise Http404(_("There are no returns yet.")) from None
        return latest


def index(request):
    visible = visible_unit_ids(request.user)
    clusters = OrgUnit.objects.of_kind(Kind.CLUSTER).filter(projects__isnull=False).distinct().order_by("name_en")
    if visible is not None:
        clusters = clusters.filter(pk__in=visible)
    return render(
        request,
        "reports/index.html",
        {
            "periods": MonitoringReturn.objects.values_list("period", flat=True).distinct().order_by("-period"),
            "committees": Committee.objects.all() or [Committee.default()],
            "clusters": clusters,
            "can_edit": edits_anything(request.user),
        },
    )


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    spec = FORMATS[fmt]
    response = HttpResponse(data, content_type=spec.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{spec.extension}"'
    return response


def monitoring(request):
    """The paper for the clusters the person may see; a viewer of a health board sees its paper."""
    period = _period(request)
    language = request.GET.get("language") if request.GET.get("language") in ("en", "cy", "both") else "en"
    committee = Committee.objects.filter(pk=request.GET.get("committee") or 0).first() or Committee.default()
    document = monitoring_document(period, language, committee, visible=visible_unit_ids(request.user))
    fmt = request.GET.get("download")
    if fmt in ("docx", "pdf"):
        return _download(write(document, fmt), fmt, f"monitoring-{period}-{language}")
    return render(
        request,
        "reports/paper.html",
        {
            "body": mark_safe(render_fragment(document)),
            "period": period,
            "language": language,
            "committee": committee,
            "kind": "monitoring",
        },
    )


def data_pack(request, code: str):
    cluster = get_object_or_404(OrgUnit, code=code, kind=Kind.CLUSTER)
    require(can_view(request.user, cluster))
    period = _period(request)
    language = "cy" if request.GET.get("language") == "cy" else "en"
    document = data_pack_document(cluster.code, period, language)
    fmt = request.GET.get("download")
    if fmt in ("docx", "pdf"):
        return _download(write(document, fmt), fmt, f"data-pack-{cluster.code}-{period}")
    return render(
        request,
        "reports/paper.html",
        {
            "body": mark_safe(render_fragment(document)),
            "period": period,
            "language": language,
            "cluster": cluster,
            "kind": "data-pack",
        },
    )


def committee(request, pk: int | None = None):
    require(edits_anything(request.user))
    instance = get_object_or_404(Committee, pk=pk) if pk else None
    form = CommitteeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("Meeting details saved for %(committee)s.") % {"committee": saved})
        return redirect("reports:index")
    return render(request, "reports/committee.html", {"form": form, "instance": instance})
