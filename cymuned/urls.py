from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import metrics, views
from .accounts import oidc
from .api import api
from .outcomes import views as outcome_views


def _api_urls():
    """The API answers 401 itself (session auth) rather than redirecting to the sign-in page."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("oidc/authenticate/", oidc.Start.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.Callback.as_view(), name="oidc_callback"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", _api_urls()),
    path("organisation/", include("cymuned.organisation.urls")),
    path("imports/", include("cymuned.imports.urls")),
    path("jobs/", include("cymuned.jobs.urls")),
    path("projects/", include("cymuned.portfolio.urls")),
    path("finance/", include("cymuned.finance.urls")),
    path("risks/", include("cymuned.risks.urls")),
    path("workforce/", include("cymuned.workforce.urls")),
    path("meetings/", include("cymuned.meetings.urls")),
    path("reports/", include("cymuned.reports.urls")),
    path("outcomes/", include("cymuned.outcomes.urls")),
    path("indicators/", include("cymuned.indicators.urls")),
    path("proposals/", include("cymuned.proposals.urls")),
    path("provide/<str:token>/", outcome_views.provide, name="provide"),
    path("history/", include("cymuned.audit.urls")),
    path("definitions/", include("cymuned.definitions.urls")),
    path("maturity/", include("cymuned.maturity.urls")),
    path("peer-review/", include("cymuned.peerreview.urls")),
]
