"""Funding rounds, their criteria, proposals, assessments, the panel's consensus and decisions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.edges import validate_single_line
from cymuned.orgs.models import OrgUnit
from cymuned.portfolio.models import PriorityCondition, Project

YEAR_HELP = _("A financial year like 2026-27.")


class Round(models.Model):
    """A health board's funding round for a financial year: the version of its criteria."""

    health_board = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="proposal_rounds", verbose_name=_("health board")
    )
    year = models.CharField(_("financial year"), max_length=7, help_text=YEAR_HELP)
    budget_gbp = models.DecimalField(_("budget (£)"), max_digits=14, decimal_places=2, null=True, blank=True)
    sensitivity_pct = models.DecimalField(_("weight sensitivity (%)"), max_digits=5, decimal_places=2, default=20)
    history = Recorded()

    class Meta:
        ordering = ["-year", "health_board__code"]
        constraints = [models.UniqueConstraint(fields=["health_board", "year"], name="one_round_per_board_year")]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")

    def __str__(self) -> str:
        return f"{self.health_board.code} {self.year}"


class CriterionKind(models.TextChoices):
    HURDLE = "hurdle", _("Hurdle (pass or fail)")
    SCORED = "scored", _("Scored (0 to 5)")


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_single_line])
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True, validators=[validate_single_line])
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_cy = models.TextField(_("guidance (Welsh)"), blank=True)
    kind = models.CharField(_("kind"), max_length=6, choices=CriterionKind.choices)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=2, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = Recorded()

    class Meta:
        ordering = ["round", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="criterion_code_unique_in_round"),
            models.CheckConstraint(
                condition=(models.Q(kind="hurdle", weight__isnull=True) | models.Q(kind="scored", weight__gte=0)),
                name="criterion_weight_for_scored_only",
            ),
        ]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    @property
    def name(self) -> str:
        return self.name_cy if translation.get_language() == "cy" and self.name_cy else self.name_en

    @property
    def guidance(self) -> str:
        return self.guidance_cy if translation.get_language() == "cy" and self.guidance_cy else self.guidance_en


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ASSESSED = "assessed", _("Assessed")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    NONE = "", _("Not decided")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


# The health equity checklist: each question answered yes, no or not sure, with notes.
EQUITY_QUESTIONS: list[tuple[str, object]] = [
    ("groups", _("Have the groups who may benefit least or be harmed been identified?")),
    ("deprivation", _("Does the proposal reach people in the most deprived areas (WIMD)?")),
    ("access", _("Have barriers of access (language, transport, digital, disability) been considered?")),
    ("welsh", _("Can people use the service in Welsh?")),
    ("measure", _("Will the effect on inequalities be measured?")),
]


class Proposal(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("round"))
    code = models.CharField(_("code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300, validators=[validate_single_line])
    title_cy = models.CharField(_("title (Welsh)"), max_length=300, blank=True, validators=[validate_single_line])
    clusters = models.ManyToManyField(
        OrgUnit, related_name="proposals", verbose_name=_("clusters"), limit_choices_to={"kind": "cluster"}
    )
    need = models.TextField(_("the need it answers"), blank=True)
    need_indicators = models.JSONField(
        _("population indicators showing the need"),
        default=list,
        blank=True,
        help_text=_("Codes of the Key Indicator Dashboard's indicators (such as hypertension prevalence)."),
    )
    priority_condition = models.CharField(
        _("priority condition"), max_length=20, choices=PriorityCondition.choices, blank=True
    )
    priority_exception = models.TextField(_("reason for an exception to the priority conditions"), blank=True)
    additional_to_contract = models.BooleanField(_("additional to contractual (GMS) requirements"), default=False)
    additionality = models.TextField(_("statement of additionality"), blank=True)
    first_year = models.CharField(_("first financial year"), max_length=7, help_text=YEAR_HELP)
    outcome_measures = models.TextField(_("planned outcome measures (one a line)"), blank=True)
    evaluation_plan = models.TextField(_("evaluation plan"), blank=True)
    exit_strategy = models.TextField(_("exit strategy"))
    partners = models.TextField(_("partners"), blank=True)
    equity_checklist = models.JSONField(_("health equity checklist"), default=dict, blank=True)
    equity_notes = models.TextField(_("health equity notes"), blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("proposer"),
    )
    state = models.CharField(_("state"), max_length=10, choices=ProposalState.choices, default=ProposalState.DRAFT)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    meeting_date = models.DateField(_("date of meeting"), null=True, blank=True)
    minute_ref = models.CharField(_("minute reference"), max_length=60, blank=True)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    project = models.OneToOneField(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal", verbose_name=_("project")
    )
    synthetic = models.BooleanField(_("synthetic (demonstration data)"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = Recorded(m2m_fields=[clusters])

    class Meta:
        ordering = ["round", "code"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="") | ~models.Q(state="decided"), name="decided_proposal_has_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en}"

    @property
    def title(self) -> str:
        return self.title_cy if translation.get_language() == "cy" and self.title_cy else self.title_en

    def first_year_cost(self) -> Decimal:
        """The cost in its first financial year (costs must be prefetched or it asks the database)."""
        return sum((c.amount_gbp for c in self.costs.all() if c.year == self.first_year), Decimal("0.00"))

    def measures(self) -> list[str]:
        return [line.strip() for line in self.outcome_measures.splitlines() if line.strip()]


class Cost(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="costs")
    year = models.CharField(_("financial year"), max_length=7, help_text=YEAR_HELP)
    amount_gbp = models.DecimalField(_("cost (£)"), max_digits=14, decimal_places=2)
    recurrent = models.BooleanField(_("recurrent"), default=False)
    history = Recorded()

    class Meta:
        ordering = ["proposal", "year"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "year"], name="one_cost_per_proposal_year"),
            models.CheckConstraint(condition=models.Q(amount_gbp__gte=0), name="proposal_cost_not_negative"),
        ]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return f"{self.proposal.code} {self.year}"


class Assignment(models.Model):
    """An assessor asked to assess a proposal; their scores are blind to other assessors until
    they submit."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = Recorded()

    class Meta:
        ordering = ["proposal", "assessor__username"]
        constraints = [models.UniqueConstraint(fields=["proposal", "assessor"], name="one_assignment_per_assessor")]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.proposal.code} {self.assessor}"


class Score(models.Model):
    """One assessor's value for one criterion: 1 pass / 0 fail for hurdles, 0–5 for scored."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("value"))
    comment = models.TextField(_("comment"), blank=True)
    history = Recorded()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__lte=5), name="score_at_most_five"),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Consensus(models.Model):
    """The panel's agreed value for a criterion where assessors differ, with the reason."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="consensus")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="consensus")
    value = models.PositiveSmallIntegerField(_("agreed value"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal_consensus"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = Recorded()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "criterion"], name="one_consensus_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__lte=5), name="consensus_at_most_five"),
        ]
        verbose_name = _("consensus")
        verbose_name_plural = _("consensus")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
