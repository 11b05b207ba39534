"""Peer review: the draw command (recorded, re-draw with a reason, dry run), the draw page for national
administrators, the review, the outcome letter (opened by LibreOffice), actions and reminders, themes."""

import datetime as dt
import json
import shutil
import subprocess
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cymuned.maturity.loading import load_shipped
from cymuned.peerreview.models import Action, Draw, Review, Status, Theme

from .. import factories


@pytest.fixture
def drawn(world):
    load_shipped()
    call_command(
        "peer-review",
        "draw",
        "--cycle",
        "2026-27",
        "--seed",
        "7",
        "--on",
        "2026-04-01",
        "--user",
        world.national.username,
        stdout=StringIO(),
    )
    return world


def draw_json(*args) -> dict:
    out = StringIO()
    call_command("peer-review", "draw", "--cycle", "2026-27", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_draw_is_recorded_with_seed_time_and_who(drawn):
    draw = Draw.objects.get()
    assert draw.seed == 7 and draw.drawn_by == drawn.national and draw.drawn_at is not None
    lines = {line.health_board.code: line for line in draw.lines.all()}
    assert lines["7A2"].unit.code in {"AG", "LL"} and lines["7A7"].unit.code == "MPO"
    # two boards must review each other
    assert lines["7A2"].reviewing_board.code == "7A7" and lines["7A7"].reviewing_board.code == "7A2"


def test_same_seed_same_json_and_dry_run_records_nothing(drawn):
    first = draw_json("--seed", "7", "--on", "2026-04-01", "--dry-run")
    assert first == draw_json("--seed", "7", "--on", "2026-04-01", "--dry-run")
    assert list(first) == ["cycle", "seed", "draws"] and first["seed"] == 7
    assert {d["health_board"] for d in first["draws"]} == {"7A2", "7A7"}
    assert Draw.objects.count() == 1


def test_redraw_needs_a_reason_and_is_recorded(drawn):
    with pytest.raises(CommandError, match="needs a reason"):
        draw_json("--seed", "8")
    draw_json("--seed", "8", "--reason", "A cluster merged after the draw")
    old, new = Draw.objects.order_by("pk")
    assert old.replaced_by == new and new.reason == "A cluster merged after the draw"


def test_only_national_administrators_draw(drawn):
    with pytest.raises(CommandError, match="not a national administrator"):
        draw_json("--user", drawn.editor.username, "--reason", "x")


def test_draw_page(client, drawn):
    client.force_login(drawn.editor)
    assert client.get("/peer-review/draw/").status_code == 403
    assert client.post("/peer-review/draw/", {"cycle": "2027-28"}).status_code == 403
    client.force_login(drawn.national)
    assert client.get("/peer-review/draw/?cycle=2026-27").status_code == 200
    preview = client.post("/peer-review/draw/", {"cycle": "2027-28", "seed": "3", "preview": "1"})
    assert preview.status_code == 200 and "not recorded" in preview.content.decode()
    assert not Draw.objects.filter(cycle="2027-28").exists()
    client.post("/peer-review/draw/", {"cycle": "2027-28", "seed": "3"})
    made = Draw.objects.get(cycle="2027-28")
    assert made.seed == 3 and made.drawn_by == drawn.national
    client.post("/peer-review/draw/", {"cycle": "2027-28", "seed": "4"})  # no reason: refused
    assert Draw.objects.filter(cycle="2027-28").count() == 1


@pytest.fixture
def reviewed(drawn):
    line = Draw.objects.get().lines.get(health_board__code="7A2")
    review = Review.objects.create(
        line=line,
        held_on=dt.date(2026, 6, 18),
        chair="Chair Person",
        participants="Cluster lead",
        reviewers="Powys lead",
        discussion={code: f"Discussion of {code}" for code in line.outcomes},
    )
    overdue = Action.objects.create(
        review=review,
        text="Brief cluster leads on bids",
        owner="Owner One",
        owner_email="one@example.org",
        organisation="Hywel Dda UHB",
        due=dt.date(2026, 9, 30),
        theme=Theme.FINANCE,
    )
    return line, review, overdue


def test_review_page_and_who_sees_it(client, reviewed, world):
    line, _review, overdue = reviewed
    client.force_login(world.viewer)
    body = client.get(f"/peer-review/reviews/{line.pk}/").content.decode()
    assert "Discussion of" in body and "overdue" in body and "discussion-form" not in body
    client.force_login(world.other_editor)  # the reviewing board sees it, and may not change it
    assert client.get(f"/peer-review/reviews/{line.pk}/").status_code == 200
    assert client.post(f"/peer-review/actions/{overdue.pk}/status/", {"status": "done"}).status_code == 403
    client.force_login(world.outsider)
    assert client.get(f"/peer-review/reviews/{line.pk}/").status_code in (403, 404)


def test_action_closed_and_dropped_needs_a_reason(client, reviewed, world):
    _line, _review, action = reviewed
    client.force_login(world.editor)
    client.post(f"/peer-review/actions/{action.pk}/status/", {"status": "dropped"})
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED  # refused without a reason
    client.post(f"/peer-review/actions/{action.pk}/status/", {"status": "done"})
    action.refresh_from_db()
    assert action.status == Status.DONE


def test_reminders_at_most_weekly(reviewed, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from cymuned.peerreview.reminders import send_reminders

    assert send_reminders(dt.date(2026, 11, 23)) == 1
    assert send_reminders(dt.date(2026, 11, 25)) == 0  # two days later: not again
    assert send_reminders(dt.date(2026, 11, 30)) == 1  # a week later
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["one@example.org"]


@pytest.mark.parametrize("language", ["en", "cy", "both"])
def test_letter_as_word_opens_in_libreoffice(client, reviewed, world, tmp_path, language):
    line, _review, _action = reviewed
    client.force_login(world.viewer)
    response = client.get(f"/peer-review/reviews/{line.pk}/letter/?format=docx&language={language}")
    assert response.status_code == 200
    import io
    import zipfile

    # every paragraph, nested side-by-side tables included, is text in word/document.xml
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    if language in ("en", "both"):
        assert "West Wales Regional Partnership Board" in text and "Strategic Programme for Primary Care" in text
    if language in ("cy", "both"):
        assert (
            "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru" in text
            and "Rhaglen Strategol ar gyfer Gofal Sylfaenol" in text
        )
    assert "Brief cluster leads on bids" in text
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    path = tmp_path / "letter.docx"
    path.write_bytes(response.content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")


def test_letter_as_pdf(client, reviewed, world):
    line, _review, _action = reviewed
    client.force_login(world.editor)
    response = client.get(f"/peer-review/reviews/{line.pk}/letter/?format=pdf&language=cy")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = client.get(f"/peer-review/reviews/{line.pk}/letter/?language=en").content.decode()
    assert page.count("<h1") == 1 and "&lt;h" not in page  # the letter as markup, its title the <h1>


def test_themes_page_and_word(client, reviewed, world):
    client.force_login(world.viewer)
    body = client.get("/peer-review/themes/?cycle=2026-27").content.decode()
    assert "West Wales" in body and "Finance" in body
    # the report is the page's markup (not shown as escaped text), its title the page's one <h1>
    assert body.count("<h1") == 1 and "&lt;h" not in body
    response = client.get("/peer-review/themes/?cycle=2026-27&format=docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    client.force_login(world.outsider)
    assert client.get("/peer-review/themes/").status_code == 403


def test_index_shows_only_visible_lines_and_completion(client, reviewed, world):
    client.force_login(world.ag_viewer)
    response = client.get("/peer-review/?cycle=2026-27")
    assert response.status_code == 200 and "completion" in response.content.decode()


def test_self_reflection(client, world):
    load_shipped()
    client.force_login(world.editor)
    client.post(
        "/peer-review/self-reflection/AG/2026-27/",
        {"facilitators": "Shared goals", "barriers": "Annual cycles", "priorities": "Mental health", "complete": "1"},
    )
    from cymuned.peerreview.models import SelfReflection

    assert SelfReflection.objects.get(unit=world.ag).completed_at is not None
    client.force_login(world.other_editor)
    assert client.get("/peer-review/self-reflection/AG/2026-27/").status_code == 404


@pytest.mark.parametrize("path", ["/peer-review/?cycle=2026-27", "/peer-review/themes/?cycle=2026-27", "reviews"])
def test_query_budget(client, reviewed, world, path, django_assert_max_num_queries):
    line, review, _action = reviewed
    if path == "reviews":
        path = f"/peer-review/reviews/{line.pk}/"
    client.force_login(world.editor)
    client.get(path)
    few = None
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    few = len(captured)
    for i in range(6):  # more actions: no more queries
        Action.objects.create(review=review, text=f"Action {i}", owner="O", organisation="HB", theme=Theme.NEEDS)
    factories.unit("cluster", f"QB{few}", parent=world.hywel_dda)
    with django_assert_max_num_queries(few):
        client.get(path)


def test_draw_form_refuses_a_seed_that_is_not_a_whole_number(client, drawn):
    client.force_login(drawn.national)
    for seed in ("nan", "inf", "2.5", str(2**63)):
        response = client.post("/peer-review/draw/", {"cycle": "2027-28", "seed": seed, "preview": "1"})
        assert response.status_code == 400 and "The seed must be a whole number." in response.content.decode()
    response = client.post("/peer-review/draw/", {"cycle": "2027-28", "seed": "3", "on": "2027-02-30"})
    assert response.status_code == 400 and 'id="on-error"' in response.content.decode()
    assert not Draw.objects.filter(cycle="2027-28").exists()


def test_review_forms_show_a_refused_value_beside_its_field(client, reviewed, world):
    line, review, action = reviewed
    client.force_login(world.editor)
    url = f"/peer-review/reviews/{line.pk}/"
    good = {"form": "action", "text": "Share the bid", "owner": "Owner", "organisation": "HDUHB"}
    for bad, field, message in (
        ({"text": ""}, "text", "Say what is to be done."),
        ({"theme": "not-a-theme"}, "theme", "not-a-theme"),
        ({"due": "nan"}, "due", "Enter a valid date."),
        ({"owner_email": "nobody"}, "owner_email", "Enter a valid email address."),
    ):
        response = client.post(url, {**good, **bad})
        body = response.content.decode()
        assert response.status_code == 400 and f'id="{field}-error"' in body and message in body, field
    assert review.actions.count() == 1
    response = client.post(url, {"form": "discussion", "held_on": "18/06/2026", "chair": "x" * 201})
    body = response.content.decode()
    assert response.status_code == 400 and 'id="held_on-error"' in body and 'id="chair-error"' in body
    review.refresh_from_db()
    assert review.chair == "Chair Person"
    status_url = f"/peer-review/actions/{action.pk}/status/"
    response = client.post(status_url, {"status": "finished"})
    assert response.status_code == 400 and f'id="status-{action.pk}-error"' in response.content.decode()
    response = client.post(status_url, {"status": "dropped"})
    assert response.status_code == 400 and "Say why the action is dropped." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_self_reflection_refuses_a_text_too_long(client, world):
    load_shipped()
    client.force_login(world.editor)
    response = client.post("/peer-review/self-reflection/AG/2026-27/", {"facilitators": "x" * 8001})
    assert response.status_code == 400 and 'id="facilitators-error"' in response.content.decode()
