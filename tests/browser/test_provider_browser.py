from datetime import date, timedelta

import pytest
from django.utils import timezone

from cymuned.outcomes import links
from cymuned.outcomes.models import ExpectedReturn, Measure, MeasureValue, Provider

from .. import factories


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_provider_submits_and_corrects_with_only_a_link(page, language):
    cluster = factories.unit("cluster", "AG", name_en="Amman Gwendraeth")
    project = factories.project("AG-PAIN", [cluster], name="Persistent Pain Service")
    referrals = Measure.objects.create(
        project=project,
        code="referrals",
        name_en="Referrals received",
        name_cy="Atgyfeiriadau a dderbyniwyd",
        kind="count",
    )
    Measure.objects.create(
        project=project,
        code="reasons",
        name_en="Reasons for referral",
        name_cy="Rhesymau dros atgyfeirio",
        kind="categories",
        categories=[{"key": "back", "en": "Back pain", "cy": "Poen cefn"}],
    )
    expected = ExpectedReturn.objects.create(
        project=project,
        provider=Provider.objects.create(name="Pain team"),
        period="2025-26-Q1",
        due=timezone.localdate() + timedelta(days=10),
    )
    token = links.issue(expected)

    page.goto(f"/provide/{token}/")
    if language == "cy":
        page.get_by_role("button", name="Cymraeg").click()
        assert page.locator("html").get_attribute("lang") == "cy"
        assert page.get_by_role("heading", name="Atgyfeiriadau a dderbyniwyd").is_visible()
        assert page.get_by_label("Poen cefn").is_visible()
    else:
        assert page.get_by_role("heading", name="Referrals received").is_visible()
    page.locator(f"#m{referrals.pk}").fill("17")
    page.locator("button[type=submit]").last.click()
    page.locator("#saved").wait_for()
    assert MeasureValue.objects.get(measure__code="referrals").value == 17

    page.goto(f"/provide/{token}/")  # come back and correct it
    assert page.locator(f"#m{referrals.pk}").input_value() == "17.00"
    page.locator(f"#m{referrals.pk}").fill("19")
    page.locator("button[type=submit]").last.click()
    page.locator("#saved").wait_for()
    value = MeasureValue.objects.get(measure__code="referrals")
    assert value.value == 19 and value.history.count() == 2

    page.goto("/projects/")
    assert "/accounts/login/" in page.url  # the link reaches nothing else
    assert expected.due > date.today()
