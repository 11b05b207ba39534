from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cymuned.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="cymuned-session-stamp")
