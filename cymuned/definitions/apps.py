from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefinitionsConfig(AppConfig):
    name = "cymuned.definitions"
    verbose_name = _("Definitions")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .versions import load_after_migrate

        # `migrate` (and so `make run`, and every new test database) loads the definitions' files.
        post_migrate.connect(load_after_migrate, sender=self, dispatch_uid="definitions-load-after-migrate")
