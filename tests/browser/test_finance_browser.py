import io

import pytest
from django.core.management import call_command

from .. import factories


@pytest.mark.django_db(transaction=True)
def test_finance_page_draws_its_charts_within_the_content_security_policy(page, sign_in):
    call_command("setup-demo", stdout=io.StringIO())
    from cymuned.orgs.models import OrgUnit

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(factories.user("hd-viewer", {OrgUnit.objects.get(code="7A2"): "viewer"}))
    page.goto("/finance/?year=2024-25")
    assert page.locator("#finance-table tbody tr").count() == 7
    page.locator("#spend-AG svg").wait_for()
    assert page.locator(".cymuned-chart svg").count() == 7
    assert not [e for e in errors if "script-src" in e or "unsafe-eval" in e or "could not be drawn" in e], errors
    page.select_option("#by", "neighbourhood")
    page.fill("#on", "2027-06-01")
    page.get_by_role("button", name="Show").click()
    headers = page.locator("#finance-table tbody th").all_inner_texts()
    names = [header.split("\n")[0] for header in headers]
    # the two neighbourhoods that share Amman Gwendraeth say so, each with its part (issue 12 item 11)
    shared = [h for h in headers if "of Amman Gwendraeth (split by registered patients)" in h]
    assert [h.split("\n")[0] for h in shared] == [
        "Llanelli Integrated Neighbourhood",
        "Tywi/Taf Integrated Neighbourhood",
    ]
    assert names == [
        "Ceredigion Integrated Neighbourhood",
        "Llanelli Integrated Neighbourhood",
        "Pembrokeshire Integrated Neighbourhood",
        "Tywi/Taf Integrated Neighbourhood",
    ]
    assert page.locator("#finance-table tfoot").inner_text().split()[1] == "£3,016,181"
