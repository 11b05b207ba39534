"""The demonstration peer review: seed 003's appendix B as the 2022-23 allocation, one draw for 2026-27
(seed 2026, units existing on 1 April 2026), and Hywel Dda's review with a discussion, an outcome
letter and actions taken from seed 003's West Wales feedback. The people are made up (marked synthetic)."""

import datetime as dt

from cymuned.periods import FinancialYear

from .drawing import current_draw, load_appendix_b, make, record
from .models import Action, Review, Status, Theme

CYCLE = FinancialYear(2026)
SEED = 2026
ON = dt.date(2026, 4, 1)

DISCUSSION = [
    "Several successful projects have been delivered; given the scale of cluster working it is hard to show "
    "objective outcomes within the timescales of projects, so cluster projects should test a proof of concept "
    "with successful ideas taken forward for formal evaluation.",
    "Shared strategic goals help align individual projects and prevent duplication; Hywel Dda has taken a "
    "population group perspective for its partnership work, engaging the local authority early and focusing "
    "on what matters to individuals.",
    "Mental health provision is a high priority: a holistic plan connecting the services on the cluster "
    "footprint, and first contact care by senior staff who can assess and act.",
]

ACTIONS = [
    (
        "Establish cluster support with expertise in value-based care, project management, finance and evaluation.",
        Theme.BUSINESS_SUPPORT,
        "Head of Primary Care (synthetic)",
        "Hywel Dda UHB",
        dt.date(2026, 9, 30),
        Status.IN_PROGRESS,
        "",
    ),
    (
        "Align cluster projects under shared strategic goals, with needs assessments and plans aligned at each level of partnership.",
        Theme.NEEDS,
        "Cluster Development Manager (synthetic)",
        "Hywel Dda UHB",
        dt.date(2027, 1, 31),
        Status.NOT_STARTED,
        "",
    ),
    (
        "Brief Cluster Leads on the criteria that make bids for mainstreaming successful.",
        Theme.FINANCE,
        "Deputy Director of Primary Care (synthetic)",
        "Hywel Dda UHB",
        dt.date(2026, 7, 31),
        Status.DONE,
        "",
    ),
    (
        "Brief Cluster Leads on the strategic commitment to build up primary care in planning the new hospital, with clear communications about service changes.",
        Theme.LEADERSHIP,
        "Director of Strategy (synthetic)",
        "Hywel Dda UHB",
        dt.date(2026, 10, 31),
        Status.NOT_STARTED,
        "",
    ),
    (
        "Collate examples of GMS practices employing new roles directly, with their governance and supervision, to inform national contract negotiations.",
        Theme.SUSTAINABILITY,
        "SPPC lead (synthetic)",
        "Strategic Programme for Primary Care",
        dt.date(2027, 3, 31),
        Status.NOT_STARTED,
        "",
    ),
    (
        "Explore the options for employing staff in clusters, including Community Interest Companies.",
        Theme.SUSTAINABILITY,
        "Workforce lead (synthetic)",
        "Hywel Dda UHB",
        dt.date(2026, 12, 31),
        Status.DROPPED,
        "Overtaken by the national work on employment models; to be picked up through the contract negotiations.",
    ),
    (
        "Clarify the role of the PCPG and the potential for delegating resources for agreed priorities, and communicate it to clusters.",
        Theme.LEADERSHIP,
        "PCPG chair (synthetic)",
        "Hywel Dda UHB",
        dt.date(2026, 11, 30),
        Status.IN_PROGRESS,
        "",
    ),
    (
        "Build the Regional Partnership Board's shared understanding of each organisation's structures, processes, risks and priorities.",
        Theme.PROCESS,
        "RPB manager (synthetic)",
        "West Wales Regional Partnership Board",
        dt.date(2027, 3, 31),
        Status.NOT_STARTED,
        "",
    ),
]


def load(stdout) -> None:
    load_appendix_b()
    if current_draw(str(CYCLE)) is not None:
        return
    draw = record(CYCLE, SEED, ON, make(CYCLE, SEED, ON), who="demo")
    line = draw.lines.select_related("unit", "reviewing_board").get(health_board__code="7A2")
    review = Review.objects.create(
        line=line,
        held_on=dt.date(2026, 6, 18),
        chair="Independent chair (synthetic)",
        participants="Cluster lead, practice managers, community pharmacy and optometry leads, local authority and third sector representatives (synthetic)",
        reviewers=f"Cluster lead and primary care manager of {line.reviewing_board.name_en if line.reviewing_board else '—'} (synthetic)",
        summary="Synthetic demonstration record drawn from the West Wales feedback in the national peer review report.",
        discussion={code: DISCUSSION[i % len(DISCUSSION)] for i, code in enumerate(line.outcomes)},
        synthetic=True,
    )
    for text, theme, owner, organisation, due, status, reason in ACTIONS:
        Action.objects.create(
            review=review,
            text=text,
            theme=theme,
            owner=owner,
            owner_email="",
            organisation=organisation,
            due=due,
            status=status,
            dropped_reason=reason,
        )
    stdout.write(
        f"demo peer review: draw {CYCLE} (seed {SEED}), review of {line.unit.code if line.unit else '—'}, {len(ACTIONS)} actions"
    )
