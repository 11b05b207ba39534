from django.core.management.base import BaseCommand, CommandError

from cymuned.outcomes.reminders import send_reminders
from cymuned.periods import Quarter, local_date


class Command(BaseCommand):
    help = "E-mail the providers whose outcome returns for a period are due or overdue; at most once a day each."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            required=True,
            help="the quarter (2025-26-Q2), or `current` or `previous` (today's quarter or the one before: for a schedule)",
        )
        parser.add_argument("--days-ahead", type=int, default=14, help="remind this many days before the due date")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue the reminders as a background job for `cymuned worker` and print its number",
        )

    def handle(self, period, days_ahead, queue=False, **options):
        try:
            today = Quarter.containing(local_date())
            named = {"current": today, "previous": today.previous()}
            period = str(named[period] if period in named else Quarter.parse(period))
        except ValueError as error:
            raise CommandError(str(error)) from None
        if queue:
            from cymuned.outcomes.tasks import queue_reminders

            job = queue_reminders(period, days_ahead, user=None)
            self.stdout.write(f"{period}: reminders queued as job {job.pk}")
            return
        result = send_reminders(period, days_ahead, local_date())
        for failure in result.failures:
            self.stderr.write(failure)
        self.stdout.write(f"{period}: {result}")
        if result.failures:
            raise CommandError(f"{len(result.failures)} reminder(s) could not be sent; the others were sent")
