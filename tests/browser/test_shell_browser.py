import pytest
from django.core.management import call_command

from .. import factories


@pytest.mark.django_db(transaction=True)
def test_sign_in_browse_the_organisation_and_switch_to_welsh(page, sign_in):
    call_command("load-reference", verbosity=0)
    from cymuned.orgs.models import OrgUnit

    hywel_dda = OrgUnit.objects.get(code="7A2")
    factories.practice(
        OrgUnit.objects.get(code="AG"),
        code="W99001",
        name_en="Test Surgery (synthetic)",
        synthetic=True,
    )
    viewer = factories.user("hd-viewer", {hywel_dda: "viewer"})

    page.goto("/organisation/")
    assert "/accounts/login/" in page.url  # nothing but the sign-in page before signing in
    sign_in(viewer)
    page.goto("/organisation/")
    assert page.locator("h1").inner_text() == "Health boards"
    page.get_by_role("link", name="Hywel Dda University Health Board").click()
    page.get_by_role("link", name="Amman Gwendraeth").click()
    assert page.get_by_role("cell", name="W99001").is_visible()
    assert page.get_by_role("cell", name="5,000").is_visible()

    page.get_by_role("button", name="Cymraeg").click()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Aman Gwendraeth"
    page.get_by_role("link", name="Sefydliad").first.click()  # the choice persists to the next page
    assert page.locator("h1").inner_text() == "Byrddau iechyd"
    assert page.get_by_role("button", name="English").is_visible()


@pytest.mark.django_db(transaction=True)
def test_neighbourhood_view_for_a_chosen_date(page, sign_in):
    call_command("load-reference", verbosity=0)
    from cymuned.orgs.models import OrgUnit

    admin = factories.user("root", is_superuser=True, is_staff=True)
    factories.practice(OrgUnit.objects.get(code="NP"), code="W99002", name_en="Fishguard Surgery (synthetic)")
    sign_in(admin)
    page.goto("/organisation/IN-PEM/?on=2027-03-31")
    assert "does not exist on 2027-03-31" in page.content()
    page.fill("#on", "2027-04-01")
    page.get_by_role("button", name="Show").click()
    assert page.get_by_role("cell", name="W99002").is_visible()
