from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .collation import register_sqlite


class TranslationsConfig(AppConfig):
    name = "cymuned.translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        # SQLite has no Welsh collation of its own: each new connection is given one (collation.py)
        connection_created.connect(register_sqlite, dispatch_uid="cymuned-welsh-collation")
