"""Swagger UI draws the API's operations in a real browser under the content security policy."""

import pytest

from .. import factories

NHS_FONTS = "https://assets.nhs.uk/fonts/"


@pytest.mark.django_db(transaction=True)
def test_api_docs_show_the_operations_without_policy_violations(page, sign_in, live_server):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    sign_in(factories.user("reader", is_superuser=True, is_staff=True))
    page.goto("/api/v1/docs")
    page.locator("#swagger-ui .opblock").first.wait_for()
    assert page.locator("#swagger-ui .opblock").count() > 3
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text() == "API documentation"
    assert page.locator("main").count() == 1
    assert not [text for text in problems if "Content Security Policy" in text], problems
    assert not [text for text in problems if text.startswith(f"failed: {live_server.url}")], problems
    # The one other origin the policy admits is the NHS typeface (font-src); everything else is this site's.
    elsewhere = [url for url in requests if not url.startswith((live_server.url, "data:", NHS_FONTS))]
    assert not elsewhere, elsewhere
