"""The 404, 403 and 500 pages: in the service's layout, in English and Welsh, saying what happened and what to do."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, override_settings
from django.urls import include, path


def _not_found(request):
    raise Http404("no such thing")


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("the view failed")


urlpatterns = [
    path("raise/404", _not_found),
    path("raise/403", _forbidden),
    path("raise/500", _broken),
    path("", include("cymuned.urls")),
]

pytestmark = pytest.mark.urls(__name__)


def _get(client, url, language):
    client.cookies["cymuned_language"] = language
    return client.get(url)


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "Page not found", "check it is correct"),
        ("cy", "Heb ddod o hyd i’r dudalen", "gwiriwch ei fod yn gywir"),
    ],
)
def test_not_found_page(client, world, language, heading, advice):
    client.force_login(world.viewer)
    for url in ("/raise/404", "/no/such/page/"):
        response = _get(client, url, language)
        assert response.status_code == 404
        page = response.content.decode()
        assert f'<html lang="{language}">' in page
        assert f"<h1>{heading}</h1>" in page and advice in page
        assert 'class="nhsuk-header"' in page and 'id="maincontent"' in page
        assert 'href="/"' in page


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "You cannot see this page", "ask your health board’s Cymuned administrator"),
        ("cy", "Ni allwch weld y dudalen hon", "gofynnwch i weinyddwr Cymuned eich bwrdd iechyd"),
    ],
)
def test_forbidden_page(client, world, language, heading, advice):
    client.force_login(world.viewer)
    response = _get(client, "/raise/403", language)
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page and advice in page
    assert 'class="nhsuk-header"' in page


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "Sorry, there is a problem with the service", "Try again in a few minutes"),
        ("cy", "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth", "Rhowch gynnig arall arni"),
    ],
)
def test_server_error_page(world, language, heading, advice, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(world.viewer)
    with caplog.at_level("CRITICAL", logger="django.request"):
        response = _get(client, "/raise/500", language)
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page and advice in page
    assert 'class="nhsuk-header"' in page and "nhsuk-frontend.min.css" in page
    assert "the view failed" not in page


def test_server_error_page_needs_no_request_or_database():
    """Django renders 500.html with an empty context; this test has no database access, so any query fails it."""
    from django.template import loader

    page = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in page
