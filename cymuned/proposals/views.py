"""Funding rounds: the list, a proposal's form and page, scoring, the panel's spread and consensus,
the ranking, the decision, the project it becomes, and the decision letter."""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cymuned import edges
from cymuned.accounts.access import (
    may_change_proposal,
    may_decide_proposal,
    may_see_proposal,
    may_see_ranking,
    may_sit_on_panel,
    panels_of,
    seen_proposals,
)
from cymuned.accounts.models import Role
from cymuned.accounts.rules import can_view, require, visible_unit_ids
from cymuned.orgs.hierarchy import descendant_ids
from cymuned.orgs.models import Kind, OrgUnit
from cymuned.periods import FinancialYear, local_date

from . import letters
from .data import gather
from .forms import AssessForm, AssessorForm, ConsensusForm, DecisionForm, ProposalForm, check_submission
from .indicators import indicator_names, trends
from .models import EQUITY_QUESTIONS, Assignment, Consensus, Cost, Proposal, ProposalState, Round, Score
from .projects import make_project
from .ranking import needs_consensus


def _proposal(request, code: str) -> tuple[Proposal, list[OrgUnit]]:
    """The proposal, or 404 for one the person may not see (it reads as unknown)."""
    proposal = (
        Proposal.objects.select_related("round__health_board", "project", "proposer")
        .prefetch_related("clusters", "costs")
        .filter(code=code)
        .first()
    )
    if proposal is None:
        raise Http404
    panels = panels_of(proposal.clusters.all())
    if not may_see_proposal(request.user, proposal, panels):
        raise Http404
    return proposal, panels


def index(request):
    rounds = Round.objects.select_related("health_board").order_by("-year", "health_board__code")
    mine = seen_proposals(request.user).select_related("round").order_by("round__year", "code")
    to_assess = Assignment.objects.filter(assessor=request.user).select_related("proposal").order_by("proposal__code")
    return render(
        request,
        "proposals/index.html",
        {
            "rounds": [(r, can_view(request.user, r.health_board)) for r in rounds],
            "proposals": mine,
            "to_assess": to_assess,
        },
    )


def _round_for_ranking(request, pk: int) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("health_board"), pk=pk)
    if not may_see_ranking(request.user, round_):
        raise Http404
    return round_


def ranking(request, pk: int):
    round_ = _round_for_ranking(request, pk)
    errors = []
    budget: Decimal | None = round_.budget_gbp
    if request.GET.get("budget"):
        chosen = edges.finite_decimal(request.GET["budget"])
        if chosen is None or chosen < 0:
            errors.append(_("The budget must be an amount of money like 150000 or £150,000."))
        else:
            budget = chosen
    sensitivity = round_.sensitivity_pct
    if request.GET.get("sensitivity"):
        chosen = edges.finite_decimal(request.GET["sensitivity"].strip().rstrip("%"))
        if chosen is None or not 0 <= chosen <= 100:
            errors.append(_("The sensitivity must be a percentage from 0 to 100."))
        else:
            sensitivity = chosen
    data = gather(round_, budget=budget, sensitivity=sensitivity)
    titles = {p.code: p for p in data.proposals}
    return render(
        request,
        "proposals/ranking.html",
        {
            "round": round_,
            "data": data,
            "rows": [(r, titles[r.code]) for r in data.result.proposals],
            "budget": budget,
            "sensitivity": sensitivity,
            "errors": errors,
            "criteria_names": {c.code: c.name for c in data.criteria},
        },
    )


def _cluster_choices(user, round_: Round):
    """Clusters of the round's health board that the person edits (a proposer proposes for them)."""
    board = descendant_ids([round_.health_board_id], local_date())
    editable = visible_unit_ids(user, Role.EDITOR)
    clusters = OrgUnit.objects.filter(kind=Kind.CLUSTER, pk__in=board)
    return (clusters if editable is None else clusters.filter(pk__in=editable)).order_by("code")


def _save_form(request, form: ProposalForm, round_: Round, proposal: Proposal | None):
    with transaction.atomic():
        saved = form.save(commit=False)
        saved.round = round_
        saved.first_year = round_.year
        saved.equity_checklist = {
            code: form.cleaned_data.get(f"equity_{code}") or "" for code, _question in EQUITY_QUESTIONS
        }
        if proposal is None:
            saved.proposer = request.user
        else:
            saved.version += 1
        saved.save()
        form.save_m2m()
        start = FinancialYear.parse(round_.year).start_year
        saved.costs.all().delete()
        Cost.objects.bulk_create(
            [
                Cost(
                    proposal=saved,
                    year=str(FinancialYear(start + n)),
                    amount_gbp=form.cleaned_data["first_year_cost"],
                    recurrent=form.cleaned_data["recurrent"],
                )
                for n in range(form.cleaned_data["years"])
            ]
        )
    return saved


def proposal_new(request, pk: int):
    round_ = get_object_or_404(Round.objects.select_related("health_board"), pk=pk)
    clusters = _cluster_choices(request.user, round_)
    require(clusters.exists())
    form = ProposalForm(request.POST or None, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, round_, None)
        return redirect("proposals:detail", code=saved.code)
    return render(request, "proposals/form.html", {"form": form, "round": round_, "proposal": None})


def proposal_edit(request, code: str):
    proposal, panels = _proposal(request, code)
    require(may_change_proposal(request.user, proposal, panels) and proposal.state != ProposalState.DECIDED)
    costs = list(proposal.costs.all())
    initial = {
        "first_year_cost": proposal.first_year_cost(),
        "years": len(costs) or 1,
        "recurrent": any(c.recurrent for c in costs),
    }
    form = ProposalForm(
        request.POST or None,
        instance=proposal,
        initial=initial,
        clusters=_cluster_choices(request.user, proposal.round),
    )
    if request.method == "POST" and form.is_valid():
        _save_form(request, form, proposal.round, proposal)
        return redirect("proposals:detail", code=proposal.code)
    return render(request, "proposals/form.html", {"form": form, "round": proposal.round, "proposal": proposal})


def _spread(proposal: Proposal, criteria) -> list[dict]:
    """Each criterion with the submitted assessors' values, the consensus and whether one is needed."""
    values: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for score in Score.objects.filter(
        assignment__proposal=proposal, assignment__submitted_at__isnull=False
    ).select_related("assignment__assessor"):
        values[score.criterion_id].append((score.assignment.assessor.username, score.value, score.comment))
    agreed = {c.criterion_id: c for c in Consensus.objects.filter(proposal=proposal)}
    return [
        {
            "criterion": c,
            "values": values[c.pk],
            "consensus": agreed.get(c.pk),
            "needs": needs_consensus(c.kind, [v for _n, v, _c in values[c.pk]]),
        }
        for c in criteria
    ]


def _need_indicators(user, proposal: Proposal) -> list[dict]:
    """Each indicator the need points to, with a link to the dashboard of each cluster served that the
    reader may see (the dashboard refuses the others)."""
    if not proposal.need_indicators:
        return []
    names = indicator_names()
    clusters = [c for c in proposal.clusters.all() if can_view(user, c)]
    return [{"code": code, "name": names.get(code, code), "clusters": clusters} for code in proposal.need_indicators]


def _need_trends(user, proposal: Proposal) -> list:
    """The trend of each indicator the need points to, for the clusters served that the reader may see."""
    if not proposal.need_indicators:
        return []
    return trends(list(proposal.need_indicators), [c for c in proposal.clusters.all() if can_view(user, c)])


def detail(request, code: str):
    proposal, panels = _proposal(request, code)
    return _detail_response(request, proposal, panels)


def _detail_response(request, proposal, panels, assessor_form=None):
    """The proposal's page; an assessor form given is one refused, shown again with its error (400)."""
    criteria = list(proposal.round.criteria.all())
    assignment = Assignment.objects.filter(proposal=proposal, assessor=request.user).first()
    on_panel = may_sit_on_panel(request.user, panels)
    sees_scores = on_panel or (assignment is not None and assignment.submitted_at is not None)
    may_decide = may_decide_proposal(request.user, panels)
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "criteria": criteria,
            "assignment": assignment,
            "spread": _spread(proposal, criteria) if sees_scores else None,
            "may_change": may_change_proposal(request.user, proposal, panels) and proposal.state != "decided",
            "may_decide": may_decide,
            "is_proposer": proposal.proposer_id == request.user.pk,
            "submission_problems": check_submission(proposal),
            "decision_form": DecisionForm() if may_decide and proposal.state in ("assessed", "decided") else None,
            "equity": [(q, proposal.equity_checklist.get(c, "")) for c, q in EQUITY_QUESTIONS],
            "need_indicators": _need_indicators(request.user, proposal),
            "need_trends": _need_trends(request.user, proposal),
            "assessors": list(proposal.assignments.select_related("assessor")) if on_panel else [],
            "languages": [("en", _("English")), ("cy", _("Welsh")), ("both", _("both"))],
            "assessor_form": assessor_form or AssessorForm(),
        },
        status=400 if assessor_form is not None and assessor_form.errors else 200,
    )


@require_POST
def submit(request, code: str):
    proposal, _panels = _proposal(request, code)
    require(proposal.proposer_id == request.user.pk or may_decide_proposal(request.user, _panels))
    if proposal.state != ProposalState.DRAFT:
        messages.error(request, _("Only a draft can be submitted."))
    elif check_submission(proposal):
        messages.error(request, _("Complete the priority condition, additionality and exit strategy first."))
    else:
        proposal.state = ProposalState.SUBMITTED
        proposal.version += 1
        proposal.save()
        messages.success(request, _("Submitted for assessment."))
    return redirect("proposals:detail", code=code)


def assess(request, code: str):
    proposal, _panels = _proposal(request, code)
    assignment = Assignment.objects.filter(proposal=proposal, assessor=request.user).first()
    require(assignment is not None and proposal.state in (ProposalState.SUBMITTED, ProposalState.ASSESSED))
    assert assignment is not None
    criteria = list(proposal.round.criteria.all())
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    form = AssessForm(
        request.POST or None,
        criteria=criteria,
        initial_scores={k: (s.value, s.comment) for k, s in existing.items()},
    )
    if request.method == "POST" and assignment.submitted_at is not None:
        messages.error(request, _("Your assessment has been submitted already."))
        return redirect("proposals:detail", code=code)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for criterion in criteria:
                value = form.cleaned_data[f"c{criterion.pk}"]
                comment = form.cleaned_data[f"comment{criterion.pk}"]
                Score.objects.update_or_create(
                    assignment=assignment, criterion=criterion, defaults={"value": value, "comment": comment}
                )
            if "submit" in request.POST:
                assignment.submitted_at = timezone.now()
                assignment.save()
                if not proposal.assignments.filter(submitted_at__isnull=True).exists():
                    proposal.state = ProposalState.ASSESSED
                    proposal.save(update_fields=["state"])
        return redirect("proposals:detail", code=code)
    return render(request, "proposals/assess.html", {"proposal": proposal, "form": form, "assignment": assignment})


@require_POST
def add_assessor(request, code: str):
    """The planning group asks a person (by user name) to assess the proposal."""
    proposal, panels = _proposal(request, code)
    require(may_decide_proposal(request.user, panels) and proposal.state != ProposalState.DECIDED)
    form = AssessorForm(request.POST)
    if not form.is_valid():
        return _detail_response(request, proposal, panels, assessor_form=form)
    found = form.cleaned_data["username"]
    Assignment.objects.get_or_create(proposal=proposal, assessor=found)
    messages.success(request, _("%(name)s is asked to assess this proposal.") % {"name": found.username})
    return redirect("proposals:detail", code=code)


@require_POST
def consensus(request, code: str):
    proposal, panels = _proposal(request, code)
    require(may_decide_proposal(request.user, panels) and proposal.state != ProposalState.DECIDED)
    form = ConsensusForm(request.POST)
    criterion = proposal.round.criteria.filter(pk=form.data.get("criterion") or 0).first() if form.is_valid() else None
    if criterion is None or (criterion.kind == "hurdle" and form.cleaned_data["value"] > 1):
        messages.error(request, _("Give an agreed value (0 to 5; 1 pass or 0 fail for a hurdle) and a reason."))
    else:
        Consensus.objects.update_or_create(
            proposal=proposal,
            criterion=criterion,
            defaults={
                "value": form.cleaned_data["value"],
                "reason": form.cleaned_data["reason"],
                "recorded_by": request.user,
            },
        )
        messages.success(request, _("Consensus recorded."))
    return redirect("proposals:detail", code=code)


@require_POST
def decide(request, code: str):
    proposal, panels = _proposal(request, code)
    require(may_decide_proposal(request.user, panels))
    if not (
        proposal.state == ProposalState.ASSESSED
        or (proposal.state == ProposalState.DECIDED and proposal.decision == "deferred")
    ):
        messages.error(request, _("Only an assessed or deferred proposal can be decided."))
        return redirect("proposals:detail", code=code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the decision, the date of the meeting, the minute reference and the reasons."))
        return redirect("proposals:detail", code=code)
    for field, value in form.cleaned_data.items():
        setattr(proposal, field, value)
    proposal.state = ProposalState.DECIDED
    proposal.version += 1
    proposal.save()
    messages.success(request, _("Decision recorded."))
    return redirect("proposals:detail", code=code)


@require_POST
def create_project(request, code: str):
    proposal, panels = _proposal(request, code)
    require(may_decide_proposal(request.user, panels))
    if proposal.decision != "approved" or proposal.project_id:
        messages.error(request, _("Only an approved proposal without a project becomes a project."))
        return redirect("proposals:detail", code=code)
    try:
        project = make_project(proposal)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("proposals:detail", code=code)
    messages.success(request, _("Project %(code)s created.") % {"code": project.code})
    return redirect("portfolio:project", code=project.code)


def letter(request, code: str, fmt: str):
    proposal, panels = _proposal(request, code)
    require(
        proposal.state == ProposalState.DECIDED
        and (proposal.proposer_id == request.user.pk or may_sit_on_panel(request.user, panels))
    )
    language = edges.choice(request.GET.get("language"), ("en", "cy", "both"), "en")
    data, content_type = letters.render(proposal, language, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{proposal.code}-decision-{language}.{fmt}"'
    return response
