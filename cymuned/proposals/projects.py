"""An approved proposal becomes a project in one step."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cymuned.outcomes.models import Measure, MeasureKind
from cymuned.periods import FinancialYear
from cymuned.portfolio.models import Project, State

from .models import Proposal
from .rules import project_budget, project_dates


def make_project(proposal: Proposal) -> Project:
    """Code, clusters, priority condition, budget (the first year's cost), measures from the planned
    outcomes (counted quarterly until defined further) and the exit strategy carried over."""
    if Project.objects.filter(code=proposal.code).exists():
        raise ValueError(_("A project with the code %(code)s exists already.") % {"code": proposal.code})
    costs = [(c.year, c.amount_gbp) for c in proposal.costs.all()]
    start, end = project_dates(FinancialYear.parse(proposal.first_year).start, len(costs))
    with transaction.atomic():
        project = Project.objects.create(
            code=proposal.code,
            name=proposal.title_en,
            theme=_("Funding round %(year)s") % {"year": proposal.round.year},
            priority_condition=proposal.priority_condition,
            start_date=start,
            end_date=end,
            annual_budget_gbp=project_budget(costs, proposal.first_year),
            lead=proposal.proposer.get_full_name() or proposal.proposer.username if proposal.proposer else "",
            exit_strategy=proposal.exit_strategy,
            state=State.ACTIVE,
        )
        project.clusters.set(proposal.clusters.all())
        used: set[str] = set()
        for number, name in enumerate(proposal.measures(), start=1):
            code = (slugify(name)[:36] or f"measure-{number}").strip("-")
            if code in used:
                code = f"{code[:33]}-{number}"
            used.add(code)
            Measure.objects.create(
                project=project, code=code, name_en=name[:200], name_cy=name[:200], kind=MeasureKind.COUNT
            )
        proposal.project = project
        proposal.version += 1
        proposal.save()
    return project
