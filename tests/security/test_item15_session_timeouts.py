"""Issue 10, item 15: a session ends after 30 minutes without activity, and after 12 hours however
active; both are configurable."""

from datetime import datetime, timedelta

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

START = datetime(2025, 7, 20, 8, 0, tzinfo=timezone.get_fixed_timezone(0))


def signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_the_defaults_are_thirty_minutes_and_twelve_hours():
    assert settings.CYMUNED_SESSION_IDLE_MINUTES == 30 and settings.CYMUNED_SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_thirty_minutes_without_activity_signs_out(client, world):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(world.viewer)
        assert signed_in(client)
        clock.shift(timedelta(minutes=29))
        assert signed_in(client)  # activity within the limit keeps the session
        clock.shift(timedelta(minutes=29))
        assert signed_in(client)
        clock.shift(timedelta(minutes=31))
        response = client.get("/projects/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not signed_in(client)


def test_twelve_hours_ends_even_a_busy_session(client, world):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(world.viewer)
        for _ in range(12 * 3):
            clock.shift(timedelta(minutes=20))
            if not signed_in(client):
                break
        assert (datetime.now(tz=START.tzinfo) - START) >= timedelta(hours=12)
        assert not signed_in(client)


def test_the_idle_limit_is_configurable(client, world, settings):
    settings.CYMUNED_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(world.viewer)
        assert signed_in(client)
        clock.shift(timedelta(minutes=6))
        assert not signed_in(client)
