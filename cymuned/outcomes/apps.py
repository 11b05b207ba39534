from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "cymuned.outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        # The monitoring summary (portfolio) flags projects whose outcome data is overdue without
        # importing outcomes.
        from cymuned.portfolio.monitoring import add_not_received

        from .presenting import register_presenters
        from .queries import not_received_projects

        register_presenters()
        add_not_received("outcomes", lambda quarter: not_received_projects(str(quarter)))
