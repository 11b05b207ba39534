"""Issue 10, item 12: provider links live as long as the return's current due date allows, one link
per return, no link issued dead, wrong tokens throttled, and a refused link explained in English
and Welsh."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cymuned.outcomes import links
from cymuned.outcomes.models import ReturnLink

JULY_20 = datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0))


def test_a_link_for_a_long_overdue_return_is_not_issued(client, filled, world):
    # due 31 July 2025, and it is now October: a link would already have expired
    with time_machine.travel(datetime(2025, 10, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(0))):
        with pytest.raises(links.DeadOnArrival):
            links.issue(filled["expected"])
        client.force_login(world.editor)
        url = reverse("outcomes:issue_link", args=["AG-PAIN", "2025-26-Q1"])
        page = client.post(url)
        assert page.status_code == 409 and "Choose a new due date" in page.content.decode()
        assert not ReturnLink.objects.exists()
        for bad in ("2025-01-01", "", "nan", "2025-02-30", "15/10/2025"):
            refused = client.post(url, {"due": bad})
            assert refused.status_code == 400 and 'id="due-error"' in refused.content.decode(), bad
        done = client.post(url, {"due": "2025-10-15"}, follow=True)
        assert "/provide/" in done.content.decode()
        filled["expected"].refresh_from_db()
        assert filled["expected"].due == date(2025, 10, 15)
        assert ReturnLink.objects.get().expires_at > timezone.now()


def test_expiry_follows_the_due_date_when_it_moves_earlier(client, filled):
    with time_machine.travel(JULY_20):
        token = links.issue(filled["expected"])
        assert client.get(reverse("provide", args=[token])).status_code == 200
        filled["expected"].due = date(2025, 6, 30)  # moved earlier: 30 June + 14 days has passed
        filled["expected"].save()
        page = client.get(reverse("provide", args=[token]))
        assert page.status_code == 410 and 'data-state="expired"' in page.content.decode()


def test_a_new_link_revokes_the_old(client, filled, world):
    with time_machine.travel(JULY_20):
        old = links.issue(filled["expected"], world.editor)
        new = links.issue(filled["expected"], world.editor)
        assert client.get(reverse("provide", args=[new])).status_code == 200
        page = client.get(reverse("provide", args=[old]))
        assert page.status_code == 410 and 'data-state="revoked"' in page.content.decode()
        assert ReturnLink.objects.filter(revoked_at=None).count() == 1


def test_wrong_tokens_are_throttled_per_address(client, filled):
    # the clock stands still: on a loaded machine the guesses take longer than the second allowed below
    with time_machine.travel(JULY_20, tick=False):
        token = links.issue(filled["expected"])
        for n in range(links.WRONG_TOKENS_ALLOWED):
            assert client.get(reverse("provide", args=[f"guess-{n}"])).status_code == 404
        refused = client.get(reverse("provide", args=["guess-again"]))
        assert refused.status_code == 429 and refused["Retry-After"]
        # while throttled even a good token is refused, so guessing learns nothing
        assert client.get(reverse("provide", args=[token])).status_code == 429
        assert client.get(reverse("provide", args=[token]), REMOTE_ADDR="10.0.0.9").status_code == 200
    with time_machine.travel(JULY_20 + timedelta(seconds=links.WRONG_TOKENS_WINDOW + 1), tick=False):
        assert client.get(reverse("provide", args=[token])).status_code == 200


def test_a_refused_link_says_what_happened_in_english_and_welsh(client, filled, world):
    with time_machine.travel(JULY_20):
        links.issue(filled["expected"], world.editor)
        page = client.get(reverse("provide", args=["not-a-token"]))
    text = page.content.decode()
    assert page.status_code == 404 and "Not Found" not in text
    assert "This link does not work" in text and "Nid yw’r ddolen hon yn gweithio" in text
    assert "Ask the Primary Care team who sent you the link for a new one." in text
    assert 'class="nhsuk-header' in text and 'lang="cy"' in text


def test_an_expired_link_names_whom_to_ask(client, filled, world):
    world.editor.first_name, world.editor.email = "Eira", "eira@example.invalid"
    world.editor.save()
    with time_machine.travel(JULY_20):
        token = links.issue(filled["expected"], world.editor)
    with time_machine.travel(JULY_20 + timedelta(days=60)):
        text = client.get(reverse("provide", args=[token])).content.decode()
    assert "Ask Eira, who sent you the link, for a new one." in text
    assert "mailto:eira@example.invalid" in text
