"""Reminders to providers whose outcome returns are due or overdue: at most one a day each. Run by
`cymuned remind` (at once, or queued as a job with --queue) and by its task in a worker."""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from cymuned.outcomes.models import ExpectedReturn, Reminder

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """Names go into the subject line, where a line break is refused; names are stored on one line,
    and this keeps a reminder going out even for one that was stored before that was checked."""
    return " ".join(text.split())


@dataclass
class Sent:
    considered: int = 0
    sent: int = 0
    skipped: int = 0  # already reminded today
    failures: list[str] = field(default_factory=list)  # "CODE period: reminder not sent (Error: …)"

    def __str__(self) -> str:
        return f"{self.sent} reminders sent, {self.skipped} already reminded today" + (
            f", {len(self.failures)} could not be sent" if self.failures else ""
        )


def send_reminders(period: str, days_ahead: int, today: date) -> Sent:
    """E-mail every provider whose return for `period` is not in and is due within `days_ahead` days
    (or overdue); one provider's failure does not stop the others' reminders."""
    result = Sent()
    waiting = ExpectedReturn.objects.filter(period=period, first_submitted_at__isnull=True).select_related(
        "project", "provider"
    )
    for expected in waiting:
        if (expected.due - today).days > days_ahead or not expected.provider.email:
            continue
        result.considered += 1
        try:
            with transaction.atomic():
                Reminder.objects.create(expected=expected, sent_on=today)
                overdue = today > expected.due
                name = one_line(expected.project.name)
                subject = (
                    f"{'Overdue' if overdue else 'Due'}: outcome return for {name}, {period} / "
                    f"{'Hwyr' if overdue else 'Yn ddyledus'}: ffurflen canlyniadau"
                )
                body = (
                    f"The outcome return for {name} for {period} was due on {expected.due:%d %B %Y}."
                    if overdue
                    else f"The outcome return for {name} for {period} is due by {expected.due:%d %B %Y}."
                ) + " Please use the link you were sent, or ask the Primary Care team for a new one."
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [expected.provider.email])
        except IntegrityError:
            result.skipped += 1  # already reminded today
            continue
        except Exception as error:  # one provider's failure must not stop the others' reminders
            logger.exception("reminder for %s %s not sent", expected.project.code, period)
            result.failures.append(
                f"{expected.project.code} {period}: reminder not sent ({type(error).__name__}: {error})"
            )
            continue
        result.sent += 1
    return result
