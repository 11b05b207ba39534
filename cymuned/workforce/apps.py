from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "cymuned.workforce"
    verbose_name = _("Workforce")

    def ready(self) -> None:
        # The organisation pages show a unit's leadership posts without importing the workforce.
        from cymuned.panels import add_panel

        from .views import leadership_panel

        add_panel("unit", "leadership", "workforce/_leadership_panel.html", leadership_panel)
