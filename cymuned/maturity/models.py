"""Maturity frameworks as versioned data, and assessment cycles against them.

A framework (domains, stages with a name, a descriptor per domain and stage, minimum expectations per
programme year) is loaded from a file by `cymuned load-framework`; a new version is a new row, so
earlier cycles keep the framework they were rated against. An assessment is one unit's cycle
(`2026-27`) against one framework: several raters' stages per domain with evidence, and the group's
consensus stage with its reason.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit


class Bilingual(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_cy = models.CharField(_("name (Welsh)"), max_length=300)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return self.name_cy if translation.get_language() == "cy" and self.name_cy else self.name_en


class Framework(Bilingual):
    code = models.CharField(_("code"), max_length=64)
    version = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    first_cycle = models.CharField(_("first cycle of the programme"), max_length=7)
    about = models.TextField(_("about"), blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_version_once")]
        verbose_name = _("maturity framework")

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class Stage(Bilingual):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("stage"))

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="stage_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_en}"


class Domain(Bilingual):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(_("code"), max_length=64)
    group = models.CharField(_("group"), max_length=16, blank=True)  # PCMW or ACD for outcomes
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_code_once")]

    def __str__(self) -> str:
        return self.code


class Descriptor(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="descriptors")
    stage = models.PositiveSmallIntegerField(_("stage"))
    text_en = models.TextField(_("descriptor (English)"))
    text_cy = models.TextField(_("descriptor (Welsh)"))

    class Meta:
        verbose_name = _("descriptor")
        verbose_name_plural = _("descriptors")
        ordering = ["domain", "stage"]
        constraints = [models.UniqueConstraint(fields=["domain", "stage"], name="descriptor_once")]

    def __str__(self) -> str:
        return f"{self.domain.code} {self.stage}"

    @property
    def text(self) -> str:
        return self.text_cy if translation.get_language() == "cy" and self.text_cy else self.text_en


class MinimumExpectation(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="minimums")
    programme_year = models.PositiveSmallIntegerField(_("programme year"))
    stage = models.PositiveSmallIntegerField(_("minimum stage"))

    class Meta:
        verbose_name = _("minimum expectation")
        verbose_name_plural = _("minimum expectations")
        ordering = ["domain", "programme_year"]
        constraints = [models.UniqueConstraint(fields=["domain", "programme_year"], name="minimum_once")]

    def __str__(self) -> str:
        return f"{self.domain.code} year {self.programme_year}: {self.stage}"


class Assessment(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="maturity_assessments")
    cycle = models.CharField(_("cycle"), max_length=7)  # a financial year, 2026-27
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = Recorded()

    class Meta:
        ordering = ["unit__code", "cycle"]
        constraints = [models.UniqueConstraint(fields=["unit", "cycle", "framework"], name="assessment_once_per_cycle")]
        verbose_name = _("maturity assessment")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.cycle} {self.framework.code}"


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="ratings")
    rater = models.CharField(_("rater"), max_length=100)
    stage = models.PositiveSmallIntegerField(_("stage"))
    evidence = models.TextField(_("evidence"), blank=True)

    history = Recorded()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["assessment", "domain__order", "rater"]
        constraints = [models.UniqueConstraint(fields=["assessment", "domain", "rater"], name="rating_once")]

    def __str__(self) -> str:
        return f"{self.rater}: {self.stage}"


class Consensus(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="consensus")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="consensus")
    stage = models.PositiveSmallIntegerField(_("agreed stage"))
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.CharField(_("recorded by"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="maturity_consensus"
    )

    history = Recorded()

    class Meta:
        verbose_name = _("consensus")
        verbose_name_plural = _("consensus records")
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="consensus_once")]

    def __str__(self) -> str:
        return f"{self.domain.code}: {self.stage}"
