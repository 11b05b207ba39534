from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cymuned.accounts"
    verbose_name = _("Users and roles")
