"""The organisation of primary care as generic units with effective-dated parent links.

NHS structures are renamed and redrawn (seven clusters become four neighbourhoods), so there is one
unit table with a kind, and every parent relation is a Membership with a date range. A figure from
before a reorganisation still adds up under the old structure because the old links are kept.
"""

from datetime import date

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.translations.collation import WELSH_COLLATION


class Kind(models.TextChoices):
    NATION = "nation", _("Nation")
    HEALTH_BOARD = "health_board", _("Health board")
    COUNTY = "county", _("County")
    PLANNING_GROUP = "planning_group", _("Pan-cluster planning group")
    CLUSTER = "cluster", _("Cluster")
    NEIGHBOURHOOD = "neighbourhood", _("Integrated neighbourhood")
    PRACTICE = "practice", _("GP practice")
    COLLABORATIVE = "collaborative", _("Professional collaborative")


def name_order(prefix: str = "") -> list:
    """`order_by` arguments that put units in the order of the names the page shows: in Welsh by the
    Welsh name (the English one where there is none) in the Welsh alphabet, so "Bae Abertawe" comes
    before "Caerdydd a’r Fro"; otherwise by the English name. `prefix` reaches the unit through a
    relation ("practice__"). The code breaks ties between units of one name."""
    if translation.get_language() == "cy":
        shown = Coalesce(NullIf(F(f"{prefix}name_cy"), Value("")), F(f"{prefix}name_en"))
        return [Collate(shown, WELSH_COLLATION), f"{prefix}code"]
    return [f"{prefix}name_en", f"{prefix}code"]


class Profession(models.TextChoices):
    GMS = "gms", _("General medical services")
    PHARMACY = "pharmacy", _("Community pharmacy")
    OPTOMETRY = "optometry", _("Optometry")
    DENTAL = "dental", _("Dental")
    NURSING = "nursing", _("Community nursing")
    AHP = "ahp", _("Allied health professionals")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SOCIAL_CARE = "social_care", _("Social care")


class OrgUnitQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> "OrgUnitQuerySet":
        return self.filter(kind=kind)

    def existing_on(self, on: date) -> "OrgUnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=on)
        )


class OrgUnit(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices, blank=True)
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Made-up demonstration data, not a real organisation."),
    )
    valid_from = models.DateField(_("exists from"), null=True, blank=True)
    valid_to = models.DateField(_("exists until (exclusive)"), null=True, blank=True)

    history = Recorded()
    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        """The name in the active language, falling back to English."""
        return self.name_in_language(self.name_en, self.name_cy)

    @staticmethod
    def name_in_language(name_en: str, name_cy: str) -> str:
        """The rule of `name`, for names read as plain values rather than as units."""
        if translation.get_language() == "cy" and name_cy:
            return name_cy
        return name_en


class MembershipQuerySet(models.QuerySet):
    def on(self, when: date) -> "MembershipQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=when)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=when)
        )


class Membership(models.Model):
    """`child` belongs to `parent` from `valid_from` (inclusive) until `valid_to` (exclusive)."""

    child = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="parent_links")
    parent = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="child_links")
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until (exclusive)"), null=True, blank=True)

    history = Recorded()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["child", "parent", "valid_from"], name="membership_unique_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="membership_range_forwards",
            ),
        ]
        indexes = [models.Index(fields=["parent", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.child.code} → {self.parent.code} [{self.valid_from or '…'}, {self.valid_to or '…'})"


class ListSize(models.Model):
    """A practice's registered list size as published on a date."""

    practice = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="list_sizes")
    patients = models.PositiveIntegerField(_("registered patients"))
    as_of = models.DateField(_("as of"))

    history = Recorded()

    class Meta:
        ordering = ["practice", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["practice", "as_of"], name="list_size_once_per_date")]
        verbose_name = _("list size")
        verbose_name_plural = _("list sizes")

    def __str__(self) -> str:
        return f"{self.practice.code}: {self.patients} on {self.as_of}"
