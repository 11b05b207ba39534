import logging

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from cymuned.outcomes.models import ExpectedReturn, Reminder
from cymuned.periods import Quarter, local_date

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """Names go into the subject line, where a line break is refused; names are stored on one line,
    and this keeps a reminder going out even for one that was stored before that was checked."""
    return " ".join(text.split())


class Command(BaseCommand):
    help = "E-mail the providers whose outcome returns for a period are due or overdue; at most once a day each."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True)
        parser.add_argument("--days-ahead", type=int, default=14, help="remind this many days before the due date")

    def handle(self, period, days_ahead, **options):
        try:
            period = str(Quarter.parse(period))
        except ValueError as error:
            raise CommandError(str(error)) from None
        today = local_date()
        sent = skipped = failed = 0
        waiting = ExpectedReturn.objects.filter(period=period, first_submitted_at__isnull=True).select_related(
            "project", "provider"
        )
        for expected in waiting:
            if (expected.due - today).days > days_ahead or not expected.provider.email:
                continue
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
                skipped += 1  # already reminded today
                continue
            except Exception as error:  # one provider's failure must not stop the others' reminders
                failed += 1
                logger.exception("reminder for %s %s not sent", expected.project.code, period)
                self.stderr.write(
                    f"{expected.project.code} {period}: reminder not sent ({type(error).__name__}: {error})"
                )
                continue
            sent += 1
        self.stdout.write(
            f"{period}: {sent} reminders sent, {skipped} already reminded today"
            + (f", {failed} could not be sent" if failed else "")
        )
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the others were sent")
