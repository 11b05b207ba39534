from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cymuned.indicators"
    verbose_name = _("Population health indicators")

    def ready(self) -> None:
        # The project page shows the indicators the project aims to move, with their trend.
        from cymuned.panels import add_panel

        from .aims import project_panel

        add_panel("project", "indicators", "indicators/_project_panel.html", project_panel)
