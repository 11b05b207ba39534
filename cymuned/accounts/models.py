from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cymuned.audit.records import Recorded
from cymuned.orgs.models import OrgUnit


class Role(models.TextChoices):
    """Ordered from least to most: a higher role can do all a lower one can."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ADMINISTRATOR = "administrator", _("Administrator")


class RoleGrant(models.Model):
    """A user holds a role for an organisation unit and everything beneath it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = Recorded()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_role_per_unit")]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.unit.code}"
