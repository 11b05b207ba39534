"""Signing in with the organisation's identity provider (OpenID Connect, e.g. Microsoft Entra ID), through
mozilla-django-oidc, configured entirely from the environment (settings.py, `CYMUNED_OIDC_*`).

A person is matched by one claim (`CYMUNED_OIDC_USERNAME_CLAIM`: `email` by default, `upn` or
`preferred_username` for Entra ID), lower-cased, as their user name. Signing in for the first time makes
an account with **no role**: an administrator grants roles, unless `CYMUNED_OIDC_GROUP_ROLES` maps the
provider's groups (`CYMUNED_OIDC_GROUPS_CLAIM`) to roles on units, which are then granted at each sign-in
(never taken away: what an administrator granted stays). The ID token's signature, audience, issuer,
expiry and nonce, and the callback's state, are all checked; a refusal of any of them signs no one in and
says so on the sign-in page. Session timeouts and sign-in pauses are the same as for passwords.
"""

import logging
from dataclasses import dataclass
from functools import cache

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from cymuned.orgs.models import OrgUnit

from .models import Role, RoleGrant

logger = logging.getLogger(__name__)

# setting name → key of the provider's discovery document, for endpoints not given one by one
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def configured() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", None))


@cache
def discovery(issuer: str) -> dict:
    response = requests.get(f"{issuer.rstrip('/')}/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


def setting(name: str, *default):
    value = getattr(settings, name, None)
    issuer = str(getattr(settings, "OIDC_OP_ISSUER", None) or "")
    if name in DISCOVERED and not value and issuer:
        return discovery(issuer)[DISCOVERED[name]]
    return import_from_settings(name, *default)


@dataclass(frozen=True)
class GroupRole:
    group: str
    role: str
    unit: str


def parse_group_roles(text: str) -> list[GroupRole]:
    """`GROUP=ROLE@UNIT` pairs separated by commas or semicolons: `a1b2=editor@7A2;c3d4=viewer@WAL`."""
    mapping = []
    for item in text.replace(";", ",").split(","):
        if not item.strip():
            continue
        group, _sep, grant = item.strip().partition("=")
        role, _at, unit = grant.partition("@")
        if not group or role not in Role.values or not unit:
            raise ValueError(
                f"CYMUNED_OIDC_GROUP_ROLES: {item.strip()!r} is not GROUP=ROLE@UNIT (roles: {', '.join(Role.values)})"
            )
        mapping.append(GroupRole(group.strip(), role, unit.strip()))
    return mapping


def roles_for(groups: list[str], mapping: list[GroupRole]) -> list[GroupRole]:
    return [item for item in mapping if item.group in set(groups)]


class Backend(OIDCAuthenticationBackend):
    @staticmethod
    def get_settings(attr, *args):
        return setting(attr, *args)

    def retrieve_matching_jwk(self, token):
        """The provider's key for this token: the one with its key id, or its only key of the token's
        algorithm when the token names none (as some providers' do)."""
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=setting("OIDC_TIMEOUT", None))
        response.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key for key in response.json().get("keys", []) if key.get("alg", header.get("alg")) == header.get("alg")
        ]
        if header.get("kid"):
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation("No single key of the provider matches the ID token")
        return jwt.PyJWK(keys[0])

    def _verify_jws(self, payload, key):
        """Signature, algorithm, audience (our client id), issuer (when configured) and expiry."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token signed with another algorithm")
        issuer = getattr(settings, "OIDC_OP_ISSUER", None) or None
        try:
            return jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID, issuer=issuer
            )
        except jwt.InvalidTokenError as error:  # expired, wrong audience or issuer, bad signature
            raise SuspiciousOperation(f"ID token refused: {error.__class__.__name__}") from error

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, KeyError, ValueError) as error:
            logger.warning("OpenID Connect sign-in refused: %s", error)
            return None

    def username_of(self, claims) -> str:
        return str(claims.get(settings.CYMUNED_OIDC_USERNAME_CLAIM, "")).strip().lower()[:150]

    def verify_claims(self, claims) -> bool:
        return bool(self.username_of(claims))

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(username=self.username_of(claims))

    def create_user(self, claims):
        username = self.username_of(claims)
        email = str(claims.get("email") or (username if "@" in username else "")).strip().lower()
        user = get_user_model().objects.create_user(username, email=email)  # no password: none can be used
        self.grant_mapped_roles(user, claims)
        return user

    def update_user(self, user, claims):
        self.grant_mapped_roles(user, claims)
        return user

    def grant_mapped_roles(self, user, claims) -> None:
        claim = settings.CYMUNED_OIDC_GROUPS_CLAIM
        if not claim:
            return
        groups = claims.get(claim) or []
        groups = [groups] if isinstance(groups, str) else [str(group) for group in groups]
        wanted = roles_for(groups, parse_group_roles(settings.CYMUNED_OIDC_GROUP_ROLES))
        units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in={item.unit for item in wanted})}
        with transaction.atomic():
            for item in wanted:
                if item.unit in units and not RoleGrant.objects.filter(user=user, unit=units[item.unit]).exists():
                    RoleGrant.objects.create(user=user, unit=units[item.unit], role=item.role)


@method_decorator(login_not_required, name="dispatch")
class Start(OIDCAuthenticationRequestView):
    @staticmethod
    def get_settings(attr, *args):
        return setting(attr, *args)

    def get(self, request):
        if not configured():
            raise Http404
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class Callback(OIDCAuthenticationCallbackView):
    @staticmethod
    def get_settings(attr, *args):
        return setting(attr, *args)

    def get(self, request):
        if not configured():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # a state this browser was not given
            logger.warning("OpenID Connect callback refused: %s", error)
            return self.login_failure()

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_failure(self):
        messages.error(
            self.request,
            _("Signing in with your NHS Wales account did not work. Try again, or ask your administrator."),
        )
        return super().login_failure()


def sign_in_options(request) -> dict:
    """For the sign-in page: which ways of signing in are offered."""
    return {"oidc_sign_in": configured(), "local_passwords": settings.CYMUNED_LOCAL_PASSWORDS}
