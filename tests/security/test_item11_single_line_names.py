"""Issue 10, item 11: names are one line when they come in, and one reminder that cannot be sent
does not stop the others."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class
from cymuned.outcomes.models import ExpectedReturn, Measure, Provider
from cymuned.portfolio.models import Project

from .. import factories

PROJECT_HEADER = "code,name,clusters,theme,priority_condition,start_date,end_date,annual_budget_gbp\n"


def test_a_project_name_with_a_line_break_is_refused_on_import(world):
    data = (PROJECT_HEADER + 'NEW-1,"Pain\nBcc: someone@example.invalid",AG,,,2025-04-01,,1000\n').encode()
    with pytest.raises(ImportRejected) as refused:
        importer_class("projects")().run(data, "projects.csv")
    assert any(line.endswith("column “name”: must be on one line") for line in refused.value.lines())
    assert not Project.objects.exists()


def test_a_project_name_with_a_line_break_is_refused_by_the_form(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("portfolio:project_new"),
        {
            "code": "NEW-1",
            "name": "Pain\r\nBcc: x@example.invalid",
            "clusters": ["AG"],
            "start_date": "2025-04-01",
            "annual_budget_gbp": "1000",
        },
    )
    assert response.status_code == 400 and not Project.objects.exists()


def test_measure_and_provider_names_are_one_line(world):
    project = factories.project("AG-PAIN", [world.ag])
    measure = Measure(project=project, code="m", name_en="One\nTwo", name_cy="Un", kind="count")
    with pytest.raises(ValidationError) as invalid:
        measure.full_clean()
    assert "name_en" in invalid.value.message_dict
    with pytest.raises(ValidationError):
        Provider(name="Team\u2028B").full_clean()


@pytest.fixture
def two_due(world):
    provider = Provider.objects.create(name="Team", email="team@example.invalid")
    other = Provider.objects.create(name="Other team", email="other@example.invalid")
    broken = factories.project("AG-ONE", [world.ag], name="One")
    fine = factories.project("AG-TWO", [world.ag], name="Two")
    # stored before names were checked
    Project.objects.filter(pk=broken.pk).update(name="One\nBcc: everyone@example.invalid")
    ExpectedReturn.objects.create(project=broken, provider=provider, period="2025-26-Q1", due=date(2025, 7, 31))
    ExpectedReturn.objects.create(project=fine, provider=other, period="2025-26-Q1", due=date(2025, 7, 31))


@time_machine.travel(datetime(2025, 8, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_a_stored_name_with_a_line_break_does_not_stop_reminders(two_due):
    call_command("remind", "--period", "2025-26-Q1", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["other@example.invalid", "team@example.invalid"]
    assert all("\n" not in m.subject for m in mail.outbox)


@time_machine.travel(datetime(2025, 8, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_one_reminder_that_fails_does_not_stop_the_others(two_due, monkeypatch):
    from cymuned.outcomes import reminders as remind

    real = remind.send_mail

    def flaky(subject, body, sender, to):
        if to == ["team@example.invalid"]:
            raise ConnectionRefusedError("mail server said no")
        return real(subject, body, sender, to)

    monkeypatch.setattr(remind, "send_mail", flaky)
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 reminder"):
        call_command("remind", "--period", "2025-26-Q1", stdout=io.StringIO(), stderr=errors)
    assert [m.to for m in mail.outbox] == [["other@example.invalid"]]
    assert "AG-ONE 2025-26-Q1: reminder not sent" in errors.getvalue()
