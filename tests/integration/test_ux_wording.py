"""Wording people read: the return form's empty override choice, and Welsh mutations in the catalogue."""

from django.urls import reverse

from .. import factories


def test_return_form_offers_no_override_in_both_languages(client, world):
    factories.project("AG-PAIN", [world.ag], name="Persistent Pain Service", theme="Pain")
    client.force_login(world.editor)
    url = reverse("portfolio:return", args=["AG-PAIN", "2025-26-Q3"])
    page = client.get(url).content.decode()
    override = page[page.index('name="rag_override"') :]
    override = override[: override.index("</select>")]
    assert '<option value="">No override</option>' in override
    # The quality, resources and stakeholders choices keep "Not assessed" for their empty value.
    quality = page[page.index('name="quality"') :]
    assert '<option value="">Not assessed</option>' in quality[: quality.index("</select>")]
    client.cookies["cymuned_language"] = "cy"
    page = client.get(url).content.decode()
    assert '<option value="">Dim diystyru</option>' in page


def test_sign_in_heading_mutates_after_i(client, db):
    """Soft mutation after the preposition "i": "i Gymuned", not "i Cymuned"."""
    client.cookies["cymuned_language"] = "cy"
    page = client.get(reverse("login")).content.decode()
    assert "Mewngofnodi i Gymuned" in page
    assert "i Cymuned" not in page
