from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "cymuned.geography"
    verbose_name = _("Geography and population")

    def ready(self) -> None:
        from .presenting import register_presenters

        register_presenters()
