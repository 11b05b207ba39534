from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeerReviewConfig(AppConfig):
    name = "cymuned.peerreview"
    verbose_name = _("Peer review")
