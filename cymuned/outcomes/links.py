"""Secret, single-purpose links for providers: one link opens one expected return, nothing else.

The token is 256 random bits shown once; only its SHA-256 is stored, so a copy of the database
does not hand out working links.

A link lives until the end of the return's due date plus a grace period, reckoned from the due
date as it is at each request (so moving the due date moves every link's expiry with it). Only the
newest link of a return works: issuing a new one revokes the others. A link that would already
be dead is not issued; the return needs a new due date first. Wrong tokens are counted per
address, and an address that sends too many is refused for a while.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .completeness import may_send_link
from .models import ExpectedReturn, ReturnLink

GRACE_DAYS = getattr(settings, "CYMUNED_RETURN_GRACE_DAYS", 14)
# Wrong tokens an address may send in a window before every token from it is refused.
WRONG_TOKENS_ALLOWED = getattr(settings, "CYMUNED_LINK_WRONG_TOKENS", 20)
WRONG_TOKENS_WINDOW = getattr(settings, "CYMUNED_LINK_WRONG_TOKENS_WINDOW", 15 * 60)  # seconds

LIVE, EXPIRED, REVOKED, UNKNOWN, THROTTLED = "live", "expired", "revoked", "unknown", "throttled"


class DeadOnArrival(Exception):
    """The return's due date (plus grace) has passed: a link issued now would not work."""

    def __init__(self, expires: datetime):
        super().__init__(f"a link would have expired at {expires:%Y-%m-%d %H:%M}")
        self.expires = expires


@dataclass(frozen=True)
class Resolution:
    state: str  # LIVE, EXPIRED, REVOKED, UNKNOWN or THROTTLED
    link: ReturnLink | None = None
    expires: datetime | None = None

    @property
    def live(self) -> bool:
        return self.state == LIVE


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry_for(due: date) -> datetime:
    """The end of the due day plus the grace days, in local time."""
    return timezone.make_aware(datetime.combine(due + timedelta(days=GRACE_DAYS), time(23, 59, 59)))


class NothingToReturn(ValueError):
    """The project has no outcome measures: a link would open an empty form."""


def latest_due_for_a_live_link(now: datetime | None = None) -> date:
    """The earliest due date a return may have for a link to be issued now."""
    today = timezone.localtime(now or timezone.now()).date()
    return today - timedelta(days=GRACE_DAYS)


@transaction.atomic
def issue(expected: ExpectedReturn, user=None) -> str:
    """Make a new link for the return, revoking any other; returns the token (it cannot be seen
    again). Refuses (DeadOnArrival) when the link would already have expired."""
    if not may_send_link(expected.project.measures.count()):
        raise NothingToReturn(expected.project.code)
    expires = expiry_for(expected.due)
    now = timezone.now()
    if expires <= now:
        raise DeadOnArrival(expires)
    ReturnLink.objects.filter(expected=expected, revoked_at=None).update(revoked_at=now, revoked_by=user)
    token = secrets.token_urlsafe(32)
    ReturnLink.objects.create(expected=expected, token_hash=_hash(token), expires_at=expires, created_by=user)
    return token


def _throttle_key(address: str) -> str:
    return f"cymuned:wrong-link-tokens:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def throttled(address: str) -> bool:
    return cache.get(_throttle_key(address), 0) >= WRONG_TOKENS_ALLOWED


def _count_wrong(address: str) -> None:
    key = _throttle_key(address)
    if cache.add(key, 1, WRONG_TOKENS_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, WRONG_TOKENS_WINDOW)


def resolve(token: str, address: str = "") -> Resolution:
    """What a token opens: the live link, or why not (expired, revoked, unknown, throttled).
    Expiry is reckoned from the return's due date as it is now."""
    if throttled(address):
        return Resolution(THROTTLED)
    link = None
    if token and len(token) <= 100:
        link = (
            ReturnLink.objects.select_related("expected__project", "expected__provider", "created_by")
            .filter(token_hash=_hash(token))
            .first()
        )
    if link is None:
        _count_wrong(address)
        return Resolution(UNKNOWN)
    expires = expiry_for(link.expected.due)
    if link.revoked_at is not None:
        return Resolution(REVOKED, link, expires)
    if expires <= timezone.now():
        return Resolution(EXPIRED, link, expires)
    return Resolution(LIVE, link, expires)


def revoke(link: ReturnLink, user=None) -> None:
    link.revoked_at = timezone.now()
    link.revoked_by = user
    link.save(update_fields=["revoked_at", "revoked_by"])
