from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "cymuned.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # The project page lists the decisions taken on the project, each linked to its meeting.
        from cymuned.panels import add_panel

        from .views import project_panel

        add_panel("project", "decisions", "meetings/_project_panel.html", project_panel)
