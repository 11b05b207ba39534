"""Issue 13, "Done when": a provider on a phone (375 px) completes a return, is shown what to correct,
corrects it, and — once the link has expired — is refused, in English and in Welsh."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from cymuned.outcomes import links
from cymuned.outcomes.models import ExpectedReturn, Measure, MeasureValue, Provider

from .. import factories

PHONE = {"width": 375, "height": 740}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "saved", "problem", "enter_a_number", "expired"),
    [
        ("en", "Thank you", "There is a problem", "Enter a number", "This link does not work"),
        ("cy", "Diolch", "Mae problem", "Rhowch rif", "Nid yw’r ddolen hon yn gweithio"),
    ],
)
def test_a_provider_completes_corrects_and_is_refused_on_a_phone(
    browser, live_server, language, saved, problem, enter_a_number, expired
):
    cluster = factories.unit("cluster", "AG", name_en="Amman Gwendraeth")
    project = factories.project("AG-PAIN", [cluster], name="Persistent Pain Service")
    referrals = Measure.objects.create(
        project=project,
        code="referrals",
        name_en="Referrals received",
        name_cy="Atgyfeiriadau a dderbyniwyd",
        kind="count",
    )
    expected = ExpectedReturn.objects.create(
        project=project,
        provider=Provider.objects.create(name="Pain team"),
        period="2025-26-Q1",
        due=timezone.localdate() + timedelta(days=10),
    )
    token = links.issue(expected)

    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    field = f"#m{referrals.pk}"

    # A wrong value: the error summary takes the focus and links to the field, which names its message.
    page.goto(f"/provide/{token}/")
    assert page.locator("html").get_attribute("lang") == language
    assert fits(page)
    page.locator(field).fill("seventeen")
    page.locator("button[type=submit]").last.click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert problem in summary.inner_text()
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('nhsuk-error-summary')")
    link = summary.locator(f"a[href='{field}']")
    assert enter_a_number in link.inner_text()
    described = page.locator(field).get_attribute("aria-describedby")
    assert enter_a_number in page.locator(f"#{described}").inner_text()
    assert fits(page)
    assert not MeasureValue.objects.exists()  # nothing was saved

    # Completes it.
    page.locator(field).fill("17")
    page.locator("button[type=submit]").last.click()
    page.locator("#saved").wait_for()
    assert saved in page.locator("#saved").inner_text()
    assert MeasureValue.objects.get().value == 17

    # Comes back with the same link and corrects it.
    page.goto(f"/provide/{token}/")
    assert page.locator(field).input_value() == "17.00"
    page.locator(field).fill("19")
    page.locator("button[type=submit]").last.click()
    page.locator("#saved").wait_for()
    assert MeasureValue.objects.get().value == 19
    assert fits(page)

    # The due date passes and the grace days with it: the same link is refused, in both languages.
    expected.due = timezone.localdate() - timedelta(days=links.GRACE_DAYS + 1)
    expected.save()
    response = page.goto(f"/provide/{token}/")
    assert response is not None and response.status in (403, 410)
    refusal = page.locator(f".cymuned-link-refused[lang={language}]")
    assert expired in refusal.inner_text()
    assert page.locator(field).count() == 0
    assert fits(page)
    page.screenshot(path=f"/tmp/provider-refused-{language}.png", full_page=True)
    context.close()
