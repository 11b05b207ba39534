from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "cymuned.risks"
    verbose_name = _("Risks")

    def ready(self) -> None:
        # The project page shows the risks linked to the project without the portfolio importing risks.
        from cymuned.panels import add_panel

        from .views import project_panel

        add_panel("project", "risks", "risks/_project_panel.html", project_panel)
