from django.db import models
from django.utils.translation import gettext_lazy as _


class Definition(models.Model):
    """One version of a definition (RAG thresholds and their meaning, risk-grid zones, decile weights,
    measure kinds, …) as loaded from its file in `cymuned/definitions/data/NAME/YYYY-MM-DD.json`:
    in force from `effective_from` until the next version's date."""

    name = models.SlugField(_("name"), max_length=60)
    effective_from = models.DateField(_("in force from"))
    content = models.JSONField(_("content"))
    source = models.CharField(_("file"), max_length=200)
    digest = models.CharField(_("SHA-256 of the file"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["name", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["name", "effective_from"], name="definition_version_unique"),
        ]
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")

    def __str__(self) -> str:
        return f"{self.name} {self.effective_from:%Y-%m-%d}"
