"""Signing in with the organisation's account, end to end against a real OpenID Connect provider
(oidc-provider-mock, started here on loopback in a thread): discovery, authorisation code with PKCE,
token exchange, signature checked against the provider's keys, userinfo. A first sign-in makes an account
with no role; groups can map to roles; a state this browser was not given, a nonce that does not match
and an expired ID token are all refused without signing anyone in."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from cymuned.accounts import oidc
from cymuned.accounts.models import RoleGrant

PORT, EXPIRED_PORT = 8101, 8102  # loopback ports for the providers of these tests


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(port=PORT) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def expiring_provider():
    # ID tokens that expired two minutes before they were issued
    with run_server_in_thread(port=EXPIRED_PORT, access_token_max_age=timedelta(seconds=-120)) as server:
        yield f"http://localhost:{server.server_port}"


def configure(settings, issuer: str) -> None:
    oidc.discovery.cache_clear()
    settings.OIDC_RP_CLIENT_ID = "cymuned-tests"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret-for-tests"
    settings.OIDC_OP_ISSUER = issuer
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "cymuned.accounts.oidc.Backend",
        "django.contrib.auth.backends.ModelBackend",
    ]


def start(client) -> str:
    """The sign-in button: Cymuned sends the browser to the provider with a state and a nonce."""
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["state"] and query["nonce"] and query["code_challenge_method"] == ["S256"]
    return response["Location"]


def consent(authorize_url: str, sub: str) -> str:
    """The person signs in at the provider, which sends the browser back with a code and the state."""
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == reverse("oidc_callback")
    return f"{back.path}?{back.query}"


def signed_in_as(client):
    response = client.get(reverse("home"))
    return None if response.status_code == 302 else response.wsgi_request.user


def test_first_sign_in_makes_an_account_with_no_role(client, db, settings, provider):
    configure(settings, provider)
    page = client.get(reverse("login"))
    assert "Sign in with your NHS Wales account" in page.content.decode()

    response = client.get(consent(start(client), "Alaw.Jones@wales.nhs.uk"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = signed_in_as(client)
    assert user is not None and user.username == "alaw.jones@wales.nhs.uk"
    assert user.email == "alaw.jones@wales.nhs.uk" and not user.has_usable_password()
    assert not RoleGrant.objects.filter(user=user).exists() and not user.is_staff
    assert "cymuned_signed_in_at" in client.session  # the session timeouts start at this sign-in

    client.logout()
    client.get(consent(start(client), "alaw.jones@wales.nhs.uk"))  # the same person again
    assert get_user_model().objects.filter(username="alaw.jones@wales.nhs.uk").count() == 1


def test_groups_claim_maps_to_roles(client, world, settings, provider):
    configure(settings, provider)
    settings.CYMUNED_OIDC_GROUPS_CLAIM = "groups"
    settings.CYMUNED_OIDC_GROUP_ROLES = "hd-editors=editor@7A2; powys-viewers=viewer@7A7"
    claims = {"email": "bryn@wales.nhs.uk", "groups": ["hd-editors", "unmapped"]}
    assert requests.put(f"{provider}/users/bryn", json=claims, timeout=10).status_code == 204

    client.get(consent(start(client), "bryn"))
    user = signed_in_as(client)
    assert user is not None and user.username == "bryn@wales.nhs.uk"
    assert list(RoleGrant.objects.filter(user=user).values_list("unit__code", "role")) == [("7A2", "editor")]


def test_a_state_this_browser_was_not_given_is_refused(client, db, settings, provider):
    configure(settings, provider)
    callback = consent(start(client), "carys@wales.nhs.uk")
    state = parse_qs(urlsplit(callback).query)["state"][0]
    response = client.get(callback.replace(state, "forged-state"), follow=True)
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert "did not work" in response.content.decode()
    assert signed_in_as(client) is None
    assert not get_user_model().objects.filter(username="carys@wales.nhs.uk").exists()


def test_a_nonce_that_does_not_match_is_refused(client, db, settings, provider, caplog):
    configure(settings, provider)
    callback = consent(start(client), "dafydd@wales.nhs.uk")
    session = client.session
    for remembered in session["oidc_states"].values():
        remembered["nonce"] = "another-nonce"  # as if the ID token had been issued for another sign-in
    session.save()
    response = client.get(callback, follow=True)
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert "Nonce verification failed" in caplog.text
    assert signed_in_as(client) is None
    assert not get_user_model().objects.filter(username="dafydd@wales.nhs.uk").exists()


def test_an_expired_id_token_is_refused(client, db, settings, expiring_provider, caplog):
    configure(settings, expiring_provider)
    response = client.get(consent(start(client), "eirlys@wales.nhs.uk"), follow=True)
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert "did not work" in response.content.decode()
    assert "ExpiredSignatureError" in caplog.text
    assert signed_in_as(client) is None
    assert not get_user_model().objects.filter(username="eirlys@wales.nhs.uk").exists()


def test_without_oidc_the_button_is_not_offered_and_its_urls_are_not_found(client, db, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert "NHS Wales account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_callback")).status_code == 404


def test_local_passwords_off_hides_the_form_and_refuses_passwords(client, world, settings, provider):
    configure(settings, provider)
    settings.CYMUNED_LOCAL_PASSWORDS = False
    settings.AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "cymuned.accounts.oidc.Backend"]
    world.editor.set_password("a-long-enough-password")
    world.editor.save()
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your NHS Wales account" in page and 'name="password"' not in page
    client.post(reverse("login"), {"username": world.editor.username, "password": "a-long-enough-password"})
    assert signed_in_as(client) is None


def test_group_roles_are_read_as_group_role_at_unit():
    mapping = oidc.parse_group_roles("a=editor@7A2, b=viewer@WAL;")
    assert [(m.group, m.role, m.unit) for m in oidc.roles_for(["b"], mapping)] == [("b", "viewer", "WAL")]
    with pytest.raises(ValueError, match="GROUP=ROLE@UNIT"):
        oidc.parse_group_roles("a=owner@7A2")
