"""Secret, single-purpose links for providers: one link opens one expected return, nothing else.

The token is 256 random bits shown once; only its SHA-256 is stored, so a copy of the database
does not hand out working links. Every wrong, expired or revoked token gets the same answer.
"""

import hashlib
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from .completeness import may_send_link
from .models import ExpectedReturn, ReturnLink

GRACE_DAYS = getattr(settings, "CYMUNED_RETURN_GRACE_DAYS", 14)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expiry_for(expected: ExpectedReturn) -> datetime:
    end_of_due_day = datetime.combine(expected.due + timedelta(days=GRACE_DAYS), time(23, 59, 59))
    return timezone.make_aware(end_of_due_day)


class NothingToReturn(ValueError):
    """The project has no outcome measures: a link would open an empty form."""


def issue(expected: ExpectedReturn, user=None) -> str:
    """Make a new link for the return; returns the token (it cannot be seen again)."""
    if not may_send_link(expected.project.measures.count()):
        raise NothingToReturn(expected.project.code)
    token = secrets.token_urlsafe(32)
    ReturnLink.objects.create(
        expected=expected, token_hash=_hash(token), expires_at=expiry_for(expected), created_by=user
    )
    return token


def resolve(token: str) -> ReturnLink | None:
    """The live link for a token, or None for anything else."""
    if not token or len(token) > 100:
        return None
    link = (
        ReturnLink.objects.select_related("expected__project", "expected__provider")
        .filter(token_hash=_hash(token))
        .first()
    )
    if link is None or link.revoked_at is not None or link.expires_at <= timezone.now():
        return None
    return link


def revoke(link: ReturnLink) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
