import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cymuned import edges
from cymuned.accounts.access import (
    holds_any_role,
    may_draw,
    may_follow_up_action,
    may_rate,
    may_record_review,
    may_see_assessment,
    may_see_review,
    seen_review_lines,
    seen_units,
)
from cymuned.accounts.rules import require
from cymuned.maturity.models import Domain
from cymuned.orgs.models import OrgUnit
from cymuned.periods import FinancialYear, local_date
from cymuned.reports.render_docx import render_docx
from cymuned.reports.render_html import render_fragment
from cymuned.reports.render_pdf import render_pdf

from . import letter as documents
from .completion import completion_by_board
from .draw import as_json
from .drawing import OUTCOMES_FRAMEWORK, REGIONS, DrawRefused, current_draw, make, record
from .followup import is_overdue
from .forms import ActionForm, ActionStatusForm, DiscussionForm, DrawForm, SelfReflectionForm
from .models import Action, Draw, DrawLine, Review, SelfReflection, Status, Theme

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cycle(request) -> FinancialYear:
    chosen = edges.financial_year(request.GET.get("cycle") or request.POST.get("cycle"))
    if chosen is not None:
        return chosen
    latest = Draw.objects.filter(seed__isnull=False).order_by("-cycle").values_list("cycle", flat=True).first()
    return FinancialYear.parse(latest) if latest else FinancialYear.containing(local_date())


def index(request):
    require(holds_any_role(request.user))
    cycle = _cycle(request)
    draw = current_draw(str(cycle))
    lines = []
    if draw is not None:
        lines = list(
            seen_review_lines(request.user, draw.lines.all()).select_related("health_board", "unit", "reviewing_board")
        )
    return render(
        request,
        "peerreview/index.html",
        {
            "cycle": cycle,
            "draw": draw,
            "lines": lines,
            "completion": completion_by_board(cycle, seen_units(request.user, OrgUnit.objects.all())),
            "may_draw": may_draw(request.user),
            "cycles": sorted(set(Draw.objects.values_list("cycle", flat=True)), reverse=True),
        },
    )


def draw_page(request):
    require(may_draw(request.user))
    cycle = _cycle(request)
    preview = None
    form = DrawForm(request.POST if request.method == "POST" else None, auto_id="%s")
    if request.method == "POST" and form.is_valid():
        seed = form.cleaned_data["seed"]
        seed = secrets.randbits(32) if seed is None else seed
        on = form.cleaned_data["on"] or local_date()
        try:
            lines = make(cycle, seed, on)
            if form.cleaned_data["preview"]:
                preview = as_json(str(cycle), seed, lines)
            else:
                record(cycle, seed, on, lines, user=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The draw for %(cycle)s is recorded.") % {"cycle": cycle})
                return redirect(f"{request.path}?cycle={cycle}")
        except DrawRefused as error:
            messages.error(request, str(error))
            return redirect(f"{request.path}?cycle={cycle}")
    draws = list(
        Draw.objects.filter(cycle=str(cycle))
        .select_related("drawn_by")
        .prefetch_related("lines__health_board", "lines__unit", "lines__reviewing_board")
    )
    return render(
        request,
        "peerreview/draw.html",
        {
            "cycle": cycle,
            "form": form,
            "draws": draws,
            "preview": preview,
            "current": current_draw(str(cycle)),
            "today": local_date(),
        },
        status=400 if form.errors else 200,
    )


def _line(request, pk: int) -> DrawLine:
    line = DrawLine.objects.select_related("draw", "health_board", "unit", "reviewing_board").filter(pk=pk).first()
    if line is None or line.unit is None or not may_see_review(request.user, line.unit, line.reviewing_board):
        raise Http404
    return line


def _outcome_names(codes) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for domain in Domain.objects.filter(framework__code=OUTCOMES_FRAMEWORK, code__in=codes).order_by(
        "-framework__version"
    ):
        found.setdefault(domain.code, {"en": domain.name_en, "cy": domain.name_cy})
    return {code: found.get(code, {"en": code, "cy": code}) for code in codes}


def review_page(request, pk: int):
    line = _line(request, pk)
    review = Review.objects.filter(line=line).first()
    editable = may_record_review(request.user, line.health_board)
    if request.method != "POST":
        return _review_response(request, line, review)
    require(editable)
    if request.POST.get("form") == "action":
        action_form = ActionForm(request.POST)
        if not action_form.is_valid():
            return _review_response(request, line, review, action_form=action_form)
        action_form.instance.review = review or Review.objects.create(line=line)
        action_form.save()
        messages.success(request, _("The action is added."))
    else:
        discussion = DiscussionForm(request.POST, instance=review or Review(line=line), outcomes=line.outcomes)
        if not discussion.is_valid():
            return _review_response(request, line, review, discussion_form=discussion)
        discussion.save()
        messages.success(request, _("The discussion record is saved."))
    return redirect("peerreview:review", pk=line.pk)


def _review_response(request, line, review, *, discussion_form=None, action_form=None, status_form=None, refused=None):
    """The review page; a form given is one refused, shown again with its errors (status 400)."""
    editable = may_record_review(request.user, line.health_board)
    discussion_form = discussion_form or DiscussionForm(instance=review or Review(line=line), outcomes=line.outcomes)
    names = _outcome_names(line.outcomes)
    lang = "cy" if translation.get_language() == "cy" else "en"
    outcomes = [
        {"code": code, "name": names[code][lang], "field": discussion_form[f"discussion-{code}"]}
        for code in line.outcomes
    ]
    actions = list(review.actions.all()) if review else []
    today = local_date()
    may_change = may_follow_up_action(request.user, line.unit)
    for action in actions:
        action.overdue = is_overdue(action.status, action.due, today)  # type: ignore[attr-defined]
        action.may_change = may_change  # type: ignore[attr-defined]
        action.status_form = status_form if action == refused else None  # type: ignore[attr-defined]
    refused_form = discussion_form if discussion_form.errors else action_form or status_form
    return render(
        request,
        "peerreview/review.html",
        {
            "line": line,
            "review": review,
            "editable": editable,
            "discussion_form": discussion_form,
            "action_form": action_form or ActionForm(),
            "refused_form": refused_form,
            "outcomes": outcomes,
            "actions": actions,
            "statuses": Status.choices,
            "themes": Theme.choices,
            "rpb": REGIONS.get(line.health_board.code, {}),
        },
        status=400 if refused_form is not None else 200,
    )


def _names(unit: OrgUnit | None) -> dict[str, str]:
    if unit is None:
        return {"en": "—", "cy": "—"}
    return {"en": unit.name_en, "cy": unit.name_cy or unit.name_en}


def letter_data(line: DrawLine) -> documents.LetterData:
    review = getattr(line, "review", None)
    region = REGIONS.get(line.health_board.code, {"en": "", "cy": ""})
    names = _outcome_names(line.outcomes)
    return documents.LetterData(
        cycle=line.draw.cycle,
        unit=_names(line.unit),
        board=_names(line.health_board),
        reviewing_board=_names(line.reviewing_board),
        rpb={"en": region["en"], "cy": region["cy"]},
        held_on=review.held_on if review else None,
        chair=review.chair if review else "",
        reviewers=review.reviewers if review else "",
        participants=review.participants if review else "",
        summary=review.summary if review else "",
        outcomes=[(code, names[code], (review.discussion if review else {}).get(code, "")) for code in line.outcomes],
        actions=[
            documents.LetterAction(a.text, a.owner, a.organisation, a.due)
            for a in (review.actions.exclude(status=Status.DROPPED) if review else [])
        ],
        synthetic=bool(review and review.synthetic),
    )


def _document_response(document, fmt: str, name: str) -> HttpResponse:
    if fmt == "docx":
        response = HttpResponse(render_docx(document), content_type=DOCX)
    elif fmt == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def letter(request, pk: int):
    line = _line(request, pk)
    language = edges.choice(request.GET.get("language"), ("en", "cy", "both"), "en")
    document = documents.letter(letter_data(line), language)
    fmt = edges.choice(request.GET.get("format"), ("docx", "pdf"), None)
    if fmt is not None:
        return _document_response(
            document,
            fmt,
            f"peer-review-{line.unit.code if line.unit else 'unit'}-{line.draw.cycle}-{language}",
        )
    return render(request, "peerreview/letter.html", {"line": line, "html": _body(document), "language": language})


@require_POST
def action_status(request, pk: int):
    action = Action.objects.select_related("review__line__unit").filter(pk=pk).first()
    if action is None or not may_see_review(request.user, action.review.line.unit, action.review.line.reviewing_board):
        raise Http404
    require(may_follow_up_action(request.user, action.review.line.unit))
    form = ActionStatusForm(request.POST, auto_id=f"%s-{action.pk}")
    if not form.is_valid():
        line = _line(request, action.review.line_id)
        return _review_response(request, line, action.review, status_form=form, refused=action)
    status = form.cleaned_data["status"]
    action.status = status
    action.dropped_reason = form.cleaned_data["dropped_reason"] if status == Status.DROPPED else ""
    action.save()
    messages.success(request, _("The action's status is now “%(status)s”.") % {"status": action.get_status_display()})
    return redirect("peerreview:review", pk=action.review.line_id)


def _theme_actions(request, cycle: FinancialYear) -> list[documents.ThemeAction]:
    draw = current_draw(str(cycle))
    if draw is None:
        return []
    lines = seen_review_lines(request.user, draw.lines.all())
    actions = (
        Action.objects.filter(review__line__in=lines)
        .select_related("review__line__health_board")
        .order_by("review__line__health_board__code", "pk")
    )
    found = []
    for action in actions:
        region = REGIONS.get(action.review.line.health_board.code, {})
        labels = {}
        for lang in ("en", "cy"):
            with translation.override(lang):
                labels[lang] = (
                    str(Theme(action.theme).label) if action.theme else _("No theme"),
                    str(Status(action.status).label),
                )
        found.append(
            documents.ThemeAction(
                region={"en": region.get("region_en", ""), "cy": region.get("region_cy", "")},
                theme={lang: labels[lang][0] for lang in labels},
                text=action.text,
                status={lang: labels[lang][1] for lang in labels},
            )
        )
    return found


def _body(document):
    """The document as the page's content, its title the page's <h1> (render_html escapes every value)."""
    return mark_safe(render_fragment(document, shift=0))


def themes(request):
    require(holds_any_role(request.user))
    cycle = _cycle(request)
    language = "cy" if translation.get_language() == "cy" else "en"
    document = documents.themes(str(cycle), _theme_actions(request, cycle), language)
    if edges.choice(request.GET.get("format"), ("docx",), None):
        return _document_response(document, "docx", f"peer-review-themes-{cycle}")
    return render(request, "peerreview/themes.html", {"cycle": cycle, "html": _body(document)})


def self_reflection(request, code: str, cycle: str):
    unit = OrgUnit.objects.filter(code=code).first()
    year = edges.financial_year(cycle)
    if unit is None or year is None or not may_see_assessment(request.user, unit):
        raise Http404
    editable = may_rate(request.user, unit)
    found = SelfReflection.objects.filter(unit=unit, cycle=str(year)).first()
    form = SelfReflectionForm(
        request.POST if request.method == "POST" else None,
        instance=found or SelfReflection(unit=unit, cycle=str(year)),
    )
    if request.method == "POST":
        require(editable)
        if form.is_valid():
            form.instance.completed_at = timezone.now() if form.cleaned_data["complete"] else None
            form.save()
            messages.success(request, _("The self-reflection is saved."))
            return redirect("peerreview:self_reflection", code=unit.code, cycle=str(year))
    return render(
        request,
        "peerreview/self_reflection.html",
        {"unit": unit, "cycle": year, "reflection": found, "editable": editable, "form": form},
        status=400 if form.errors else 200,
    )
