from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cymuned.indicators"
    verbose_name = _("Population health indicators")
