"""The API documentation page: Swagger UI served from the project's static files under a strict policy."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

DOCS = "/api/v1/docs"


class _Assets(HTMLParser):
    """Every address the page makes the browser load: scripts, style sheets, icons, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in {"script", "img", "iframe"} and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


def _page(client):
    response = client.get(DOCS)
    assert response.status_code == 200
    parser = _Assets()
    parser.feed(response.content.decode())
    return response, parser


def test_docs_load_only_same_origin_assets_that_exist(client, world):
    client.force_login(world.viewer)
    response, parser = _page(client)
    scripts = [url for url in parser.urls if url.endswith(".js")]
    assert any(url.endswith("/swagger-ui-bundle.js") for url in scripts)
    assert any(url.endswith("swagger-ui.css") for url in parser.urls)
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} is not on this site"
        assert parts.path.startswith(settings.STATIC_URL), url
        found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
        assert found, f"{url} is not among the static files"
    # The settings travel as JSON, not as an inline script the policy would have to allow.
    inline = [a for tag, a in parser.tags if tag == "script" and not a.get("src")]
    assert all(a.get("type") in {"application/json", "importmap"} for a in inline)
    assert "validator.swagger.io" not in response.content.decode()


def test_docs_keep_the_strict_content_security_policy(client, world):
    client.force_login(world.viewer)
    response, _parser = _page(client)
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert directives["script-src"][0] == "'self'"
    assert all(source == "'self'" or source.startswith("'nonce-") for source in directives["script-src"])
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["connect-src"] == ["'self'"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_docs_page_has_language_landmark_and_heading(client, world, language):
    client.force_login(world.viewer)
    client.cookies["cymuned_language"] = language
    response, parser = _page(client)
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert sum(1 for tag, _ in parser.tags if tag == "main") == 1
    heading = {"en": "<h1>API documentation</h1>", "cy": "<h1>Dogfennaeth yr API</h1>"}[language]
    assert heading in page
    assert 'id="swagger-ui"' in page and "/api/v1/openapi.json" in page


def test_docs_need_signing_in(client, db):
    assert client.get(DOCS).status_code == 302
