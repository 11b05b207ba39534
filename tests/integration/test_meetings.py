"""Meetings, attendance, the compliance view and decisions on projects."""

from datetime import date

import pytest

from cymuned.meetings.models import Attendance, Decision, Meeting, MeetingKind, ProjectDecision
from cymuned.orgs.models import Kind, Profession

from .. import factories


@pytest.fixture
def collaborative(world):
    """AG's general practice collaborative met four times in 2024-25; W1 attended three, W2 all four."""
    gms = factories.unit(Kind.COLLABORATIVE, "AG-GMS", parent=world.ag, profession=Profession.GMS, name_en="AG GMS")
    w1 = factories.practice(world.ag, "W1", name_en="First Surgery")
    w2 = factories.practice(world.ag, "W2", name_en="Second Surgery")
    for n, day in enumerate([date(2024, 5, 1), date(2024, 9, 1), date(2024, 12, 1), date(2025, 3, 1)]):
        meeting = Meeting.objects.create(unit=gms, kind=MeetingKind.COLLABORATIVE, date=day)
        Attendance.objects.create(meeting=meeting, practice=w2)
        if n != 1:
            Attendance.objects.create(meeting=meeting, practice=w1)
    return world


def test_a_practice_that_attended_three_of_four_is_listed(client, collaborative, django_assert_max_num_queries):
    client.force_login(collaborative.viewer)
    with django_assert_max_num_queries(30):
        page = client.get("/meetings/compliance/", {"year": "2024-25"}).content.decode()
    row = page[page.index('id="practice-W1"') :][:400]
    assert "3 / 4" in row and ">1<" in row  # short by one
    assert 'id="practice-W2"' not in page  # attended all four
    assert "AG GMS" not in page  # the collaborative met four times
    assert "Hywel Dda University Health Board" in page


def test_a_collaborative_that_met_three_times_is_listed(client, collaborative):
    Meeting.objects.filter(date=date(2025, 3, 1)).delete()
    client.force_login(collaborative.viewer)
    page = client.get("/meetings/compliance/", {"year": "2024-25"}).content.decode()
    assert "AG GMS (AG-GMS)" in page


def test_decisions_link_the_project_to_its_meeting(client, world):
    project = factories.project("AG-DERM", [world.ag], name="Dermatology")
    meeting = Meeting.objects.create(
        unit=world.hywel_dda, kind=MeetingKind.VALUE_SUSTAINABILITY, date=date(2025, 3, 20)
    )
    ProjectDecision.objects.create(meeting=meeting, project=project, decision=Decision.STOP, note="End in May")
    client.force_login(world.viewer)
    page = client.get("/projects/AG-DERM/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in page and "Stop" in page
    assert "Dermatology" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Value and Sustainability Group" in client.get("/meetings/", {"year": "2024-25"}).content.decode()


def test_who_is_refused(client, world):
    meeting = Meeting.objects.create(unit=world.mid_powys, kind=MeetingKind.CLUSTER, date=date(2025, 1, 1))
    client.force_login(world.outsider)
    assert client.get("/meetings/").status_code == 403
    assert client.get("/meetings/compliance/").status_code == 403
    client.force_login(world.viewer)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 403
    assert client.get("/meetings/99999/").status_code == 404
    client.force_login(world.other_editor)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
