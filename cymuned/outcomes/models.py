"""Outcome measures of projects, the values providers return, and the returns expected of them."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.edges import validate_single_line
from cymuned.portfolio.models import PERIOD_VALIDATOR, Project


class Provider(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_single_line])
    email = models.EmailField(_("email"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    history = Recorded()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class MeasureKind(models.TextChoices):
    COUNT = "count", _("Count")
    CATEGORIES = "categories", _("Counts by category")
    SCORE = "score", _("Score")
    MONEY = "money", _("Money (£)")
    PERCENTAGE = "percentage", _("Percentage")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEITHER = "neither", _("Neither")


class Measure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="measures")
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_single_line])
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=12, choices=MeasureKind.choices)
    # For counts by category: [{"key": "back-pain", "en": "Back pain", "cy": "Poen cefn"}, …]
    categories = models.JSONField(_("categories"), default=list, blank=True)
    score_min = models.DecimalField(_("lowest score"), max_digits=8, decimal_places=2, null=True, blank=True)
    score_max = models.DecimalField(_("highest score"), max_digits=8, decimal_places=2, null=True, blank=True)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    # For scores: the level a person should reach (C-ACT ≥ 20 is asthma under control)
    threshold = models.DecimalField(
        _("score threshold"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For scores: the share of people reaching this score is reported before and after."),
    )
    direction = models.CharField(
        _("direction of good"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    history = Recorded()

    class Meta:
        ordering = ["project", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="measure_code_unique_in_project")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.project.code}: {self.name_en}"

    @property
    def name(self) -> str:
        return self.name_cy if translation.get_language() == "cy" and self.name_cy else self.name_en

    def category_label(self, key: str) -> str:
        language = "cy" if translation.get_language() == "cy" else "en"
        for category in self.categories:
            if category["key"] == key:
                return category.get(language) or category["en"]
        return key


class MeasureValue(models.Model):
    """One value of a measure for a period (and a category, for counts by category)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    period = models.CharField(_("period"), max_length=10)  # 2024-25-Q4, or a month 2025-01
    category = models.CharField(_("category"), max_length=60, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    history = Recorded()

    class Meta:
        ordering = ["measure", "period", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period", "category"],
                name="one_value_per_measure_period_category",
            )
        ]
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")

    def __str__(self) -> str:
        return f"{self.measure} {self.period} {self.category}: {self.value}"


class ScoreObservation(models.Model):
    """A person's score before and after (e.g. the Childhood Asthma Control Test), without names."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="observations")
    subject = models.CharField(_("anonymous reference"), max_length=40)
    before = models.DecimalField(_("before"), max_digits=8, decimal_places=2)
    after = models.DecimalField(_("after"), max_digits=8, decimal_places=2, null=True, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measure", "subject"], name="one_observation_per_subject")]

    def __str__(self) -> str:
        return f"{self.subject}: {self.before} → {self.after}"


class ExpectedReturn(models.Model):
    """A provider's outcome return for a project and quarter, due by a date."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="expected_returns")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="expected_returns")
    period = models.CharField(_("period"), max_length=10, validators=[PERIOD_VALIDATOR])
    due = models.DateField(_("due"))
    first_submitted_at = models.DateTimeField(_("first received"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("last corrected"), null=True, blank=True)
    history = Recorded()

    class Meta:
        ordering = ["period", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="one_expected_return_per_project_period")
        ]
        # the outcomes page and the reminders read one period's returns; its list of periods steps
        # through this index (portfolio.queries.distinct_values)
        indexes = [models.Index(fields=["period", "project"], name="expected_return_period")]
        verbose_name = _("expected return")
        verbose_name_plural = _("expected returns")

    def __str__(self) -> str:
        return f"{self.project.code} {self.period} ({self.provider})"


class ReturnLink(models.Model):
    """A secret link that opens exactly one expected return. Only a hash of the token is stored."""

    expected = models.ForeignKey(ExpectedReturn, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))  # as issued; a request reckons from the due date now
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("return link")
        verbose_name_plural = _("return links")

    def __str__(self) -> str:
        return f"link for {self.expected} until {self.expires_at:%Y-%m-%d}"


class Reminder(models.Model):
    expected = models.ForeignKey(ExpectedReturn, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["expected", "sent_on"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.expected} reminded {self.sent_on}"
