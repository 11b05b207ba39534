"""Signing people out: after a spell of inactivity (30 minutes unless configured) and, however active,
after a working day (12 hours), as NHS systems expect.

The session records when the person signed in and when they were last seen; the sign-in page is
where a timed-out person lands. The last-seen time is saved at most once a minute, so a busy page
does not write the session on every request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SIGNED_IN_AT = "cymuned_signed_in_at"
LAST_SEEN_AT = "cymuned_last_seen_at"
SAVE_EVERY = 60  # seconds


def idle_limit() -> int:
    return int(settings.CYMUNED_SESSION_IDLE_MINUTES * 60)


def absolute_limit() -> int:
    return int(settings.CYMUNED_SESSION_MAX_HOURS * 3600)


def expired(signed_in_at: float, last_seen_at: float, now: float) -> str:
    """'' while the session may go on, else 'idle' or 'absolute'."""
    if now - signed_in_at >= absolute_limit():
        return "absolute"
    if now - last_seen_at >= idle_limit():
        return "idle"
    return ""


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """The clock of both limits starts at sign-in (connected to user_logged_in in the app config)."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in = session.get(SIGNED_IN_AT)
            last_seen = session.get(LAST_SEEN_AT)
            if signed_in is None or last_seen is None:
                session[SIGNED_IN_AT] = signed_in = now if signed_in is None else signed_in
                session[LAST_SEEN_AT] = last_seen = now
            why = expired(signed_in, last_seen, now)
            if why:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity. Sign in again to carry on.")
                    % {"minutes": settings.CYMUNED_SESSION_IDLE_MINUTES}
                    if why == "idle"
                    else _(
                        "You were signed out because you had been signed in for %(hours)s hours. Sign in again to carry on."
                    )
                    % {"hours": settings.CYMUNED_SESSION_MAX_HOURS},
                )
            elif now - last_seen >= SAVE_EVERY:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)
