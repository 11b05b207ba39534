from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "cymuned.finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        # The monitoring summary (portfolio) carries the financial position without importing finance.
        from cymuned.portfolio.monitoring import add_section

        from .position import finance_summary
        from .presenting import register_presenters

        register_presenters()

        add_section("finance", lambda quarter, clusters, visible: finance_summary(quarter.year, clusters, visible))
