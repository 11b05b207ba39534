"""The JSON API under /api/v1/, described by its own OpenAPI schema at /api/v1/openapi.json."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger, _csrf_needed
from ninja.security import django_auth

from .api_responses import documented


class ServedSwagger(Swagger):
    """Swagger UI from the project's own static files (npm swagger-ui-dist), inside the service's layout:
    the content security policy admits no other origin, so a CDN copy would leave the page blank."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema_url = self.get_openapi_url(api, kwargs)
        # validatorUrl None: Swagger UI would otherwise ask validator.swagger.io about the schema.
        # deepLinking off: a deep link drawn inside each operation's button would be a link within a
        # button, which screen readers cannot reach (axe: nested-interactive).
        settings = {**self.settings, "url": schema_url, "validatorUrl": None, "deepLinking": False}
        context = {"swagger_settings": settings, "schema_url": schema_url, "add_csrf": _csrf_needed(api)}
        return render(request, "api_docs.html", context)


api = NinjaAPI(
    title="Cymuned API",
    version="1.0.0",
    description="Organisation, projects, monitoring, finance, funding rounds, maturity and risks of NHS Wales primary care clusters.",
    auth=django_auth,
    # The schema and its docs are for signed-in people too: nothing is shown to the signed out.
    docs_decorator=login_required,
    docs=ServedSwagger(),
)


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    """Every refusal is the documented JSON error, never a page or a traceback."""
    return api.create_response(request, {"detail": gettext("You may not do this.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    """Unknown, and not yours to see, answer alike."""
    return api.create_response(request, {"detail": gettext("Not found.")}, status=404)


@api.get("/", response=documented(dict[str, str]), summary="API root", tags=["root"])
def root(request) -> dict[str, str]:
    """Where each part of the API lives."""
    return {
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
        "orgs": "/api/v1/orgs/health-boards",
    }


def _add_routers() -> None:
    from cymuned.finance.api import router as finance_router
    from cymuned.maturity.api import router as maturity_router
    from cymuned.organisation.api import router as orgs_router
    from cymuned.portfolio.api import router as portfolio_router
    from cymuned.proposals.api import router as proposals_router
    from cymuned.risks.api import router as risks_router

    api.add_router("/orgs", orgs_router)
    api.add_router("/", portfolio_router)
    api.add_router("/", finance_router)
    api.add_router("/", proposals_router)
    api.add_router("/", maturity_router)
    api.add_router("/", risks_router)


_add_routers()
