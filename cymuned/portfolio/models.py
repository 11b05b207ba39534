"""Cluster projects and their quarterly monitoring returns."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.edges import validate_single_line
from cymuned.orgs.models import OrgUnit

from .rag import UNRANKED, Quality, Rag, Resources, Stakeholders, Trend

# The RAG enum under the name the forms and views have used; its labels are in portfolio.rag.
RagChoice = Rag

PERIOD_VALIDATOR = RegexValidator(r"^\d{4}-\d{2}-Q[1-4]$", _("Write a period like 2025-26-Q2."))


class PriorityCondition(models.TextChoices):
    NONE = "", _("None")
    HYPERTENSION = "hypertension", _("Hypertension")
    DIABETES = "diabetes", _("Diabetes")
    ASTHMA = "asthma", _("Asthma")


class State(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review (Value and Sustainability Group)")
    MAINSTREAMED = "mainstreamed", _("Mainstreamed")
    FINISHED = "finished", _("Finished")
    STOPPED = "stopped", _("Stopped")


class Project(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300, validators=[validate_single_line])
    name_cy = models.CharField(
        _("name in Welsh"), max_length=300, blank=True, default="", db_default="", validators=[validate_single_line]
    )
    clusters = models.ManyToManyField(
        OrgUnit,
        related_name="projects",
        verbose_name=_("clusters"),
        limit_choices_to={"kind": "cluster"},
    )
    theme = models.CharField(_("theme"), max_length=120, blank=True, db_index=True)  # filters, sorts, lists
    priority_condition = models.CharField(
        _("priority condition"), max_length=20, choices=PriorityCondition.choices, blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    annual_budget_gbp = models.DecimalField(_("annual budget (£)"), max_digits=14, decimal_places=2)
    lead = models.CharField(_("lead"), max_length=200, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    exit_strategy = models.TextField(_("exit strategy"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ACTIVE)
    # The population indicators the project aims to move (ids of indicator definitions: `hypertension`,
    # …); chosen, and their trends shown, by the indicators capability (its panel on the project page).
    indicators = models.JSONField(_("indicators it aims to move"), default=list, blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = Recorded(m2m_fields=[clusters])

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(annual_budget_gbp__gte=0), name="project_budget_not_negative"),
        ]
        # The summary's finished and under-review lists start from the few projects in those states
        # rather than testing every project of the scope (a board's summary at 100,000 projects:
        # 32 ms → 0.1 ms for the lists).
        indexes = [models.Index(fields=["state"], name="project_state")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MonitoringReturn(models.Model):
    """A project's quarterly return: the metrics the RAG rules judge, and the narrative."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="returns")
    period = models.CharField(_("period"), max_length=10, validators=[PERIOD_VALIDATOR], db_index=True)
    target_attainment_pct = models.DecimalField(
        _("target attainment (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    budget_gbp = models.DecimalField(_("budget (£)"), max_digits=14, decimal_places=2, null=True, blank=True)
    forecast_spend_gbp = models.DecimalField(
        _("forecast spend (£)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    milestone_delay_weeks = models.DecimalField(
        _("milestone delay (weeks)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    quality = models.CharField(_("quality"), max_length=30, choices=Quality.choices, blank=True)
    resources = models.CharField(_("resources"), max_length=30, choices=Resources.choices, blank=True)
    stakeholders = models.CharField(_("stakeholders"), max_length=30, choices=Stakeholders.choices, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    # Welsh, when written: Welsh pages and papers use it; without it they show the English, marked.
    narrative_cy = models.TextField(_("narrative in Welsh"), blank=True, default="", db_default="")
    rag_override = models.CharField(_("RAG override"), max_length=5, choices=RagChoice.choices, blank=True)
    override_reason = models.TextField(_("reason for override"), blank=True)
    override_reason_cy = models.TextField(_("reason for override in Welsh"), blank=True, default="", db_default="")
    # Derived from the fields above by portfolio.rag on every save; stored so that a quarter's
    # summary over thousands of projects is one indexed query.
    computed_rag = models.CharField(_("computed RAG"), max_length=5, choices=RagChoice.choices, blank=True)
    status = models.CharField(_("RAG status"), max_length=5, choices=RagChoice.choices, blank=True, db_index=True)
    # Where the return stands in its project's series (portfolio.rag.standings), stored when any
    # return of the project is saved or deleted (portfolio.returns.restate), so that the list, the
    # grid and the flagged projects read one definition of trend from an index.
    previous_status = models.CharField(
        _("previous RAG status"), max_length=5, choices=RagChoice.choices, blank=True, editable=False
    )
    trend = models.CharField(_("trend"), max_length=9, choices=Trend.choices, blank=True, editable=False)
    status_rank = models.PositiveSmallIntegerField(default=UNRANKED, editable=False)
    trend_rank = models.PositiveSmallIntegerField(default=UNRANKED, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    # derived from other returns' statuses: recomputed, not changed by anyone, so not history
    history = Recorded(excluded_fields=["previous_status", "trend", "status_rank", "trend_rank"])

    class Meta:
        ordering = ["project", "period"]
        verbose_name = _("monitoring return")
        verbose_name_plural = _("monitoring returns")
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="one_return_per_project_period"),
        ]
        indexes = [
            # with the status and trend, the flagged list (red, worsening or late) is decided from
            # the index alone, without reading each return of the quarter (a board's summary at
            # 100,000 projects: 360 → 295 ms); also every (period, project) lookup, as before
            models.Index(fields=["period", "project", "status", "trend"], name="return_period_project_flags"),
            models.Index(fields=["period", "status_rank", "project"], name="return_period_status_rank"),
            models.Index(fields=["period", "trend_rank", "project"], name="return_period_trend_rank"),
            models.Index(fields=["period", "trend", "status"], name="return_period_grid"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.period}"
