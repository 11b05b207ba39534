"""Indicator definitions (loaded from the versioned files), the published register counts, and
registered patients by age band and sex."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit


class IndicatorDefinition(models.Model):
    """One version of one indicator's definition, in force from its effective date."""

    code = models.CharField(_("id"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    description_en = models.TextField(_("description (English)"))
    description_cy = models.TextField(_("description (Welsh)"))
    numerator = models.JSONField(_("numerator"))
    denominator = models.JSONField(_("denominator"))
    unit = models.CharField(_("unit"), max_length=20)
    polarity = models.CharField(_("polarity"), max_length=20)
    source = models.TextField(_("source"))
    publication = models.TextField(_("publication"))
    ci_method = models.CharField(_("confidence interval method"), max_length=20)
    names = models.JSONField(_("names an import may use"), default=list)
    # recorded like every table a kept page reads: a new definition changes the data version
    history = Recorded()

    class Meta:
        ordering = ["order", "code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_definition_per_version")]
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def name(self) -> str:
        return self.name_cy if translation.get_language() == "cy" and self.name_cy else self.name_en


class RegisterCount(models.Model):
    """A published figure of a register for one year and one area (practice, cluster, board or Wales):
    the patients on the register, or the denominator published with it."""

    class Measure(models.TextChoices):
        REGISTER = "register", _("Patients on register")
        DENOMINATOR = "denominator", _("Denominator")

    register = models.CharField(_("register"), max_length=40)
    year = models.CharField(_("year"), max_length=7)
    area = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="register_counts")
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    value = models.PositiveIntegerField(_("value"))
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    history = Recorded()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["register", "year", "area", "measure"], name="one_register_count")
        ]
        indexes = [models.Index(fields=["year", "register"])]
        verbose_name = _("register count")
        verbose_name_plural = _("register counts")

    def __str__(self) -> str:
        return f"{self.register} {self.year} {self.area_id} {self.measure}: {self.value}"


class PatientCount(models.Model):
    """Registered patients of a practice on a date, by age band and sex."""

    practice = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="patient_counts")
    as_of = models.DateField(_("date"))
    age_band = models.CharField(_("age band"), max_length=8)
    sex = models.CharField(_("sex"), max_length=10)
    patients = models.PositiveIntegerField(_("patients"))
    synthetic = models.BooleanField(_("synthetic"), default=False)
    history = Recorded()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "as_of", "age_band", "sex"], name="one_patient_count")
        ]
        indexes = [models.Index(fields=["as_of"])]
        verbose_name = _("registered patients by age band")
        verbose_name_plural = _("registered patients by age band")

    def __str__(self) -> str:
        return f"{self.practice_id} {self.as_of} {self.age_band} {self.sex}: {self.patients}"
