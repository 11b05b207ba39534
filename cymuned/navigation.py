"""The service's main navigation: one entry per capability that is installed."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cymuned.accounts.access import holds_any_role

SECTIONS = [
    ("home", _("Home")),
    ("orgs:index", _("Organisation")),
    ("portfolio:index", _("Projects")),
    ("finance:index", _("Finance")),
    ("outcomes:index", _("Outcomes")),
    ("risks:index", _("Risks")),
    ("workforce:index", _("Workforce")),
    ("meetings:index", _("Meetings")),
    ("proposals:index", _("Proposals")),
    ("reports:index", _("Reports")),
    ("maturity:index", _("Maturity")),
    ("peerreview:index", _("Peer review")),
    ("imports:index", _("Imports")),
]


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"navigation": []}
    items = []
    for name, label in SECTIONS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    if holds_any_role(request.user):
        history = reverse("audit:index")
        items.append({"url": history, "label": _("History"), "current": request.path.startswith(history)})
    if request.user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Admin"), "current": False})
    return {"navigation": items}
