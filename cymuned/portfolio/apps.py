from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "cymuned.portfolio"
    verbose_name = _("Project portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from .models import MonitoringReturn
        from .presenting import register_presenters
        from .returns import restate_after_delete

        register_presenters()
        post_delete.connect(
            restate_after_delete, sender=MonitoringReturn, dispatch_uid="portfolio-restate-after-delete"
        )
