"""`cymuned worker`: runs background jobs (django-tasks' database worker) and says it is alive."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks.backends.database.management.commands import db_worker

from cymuned.jobs import heartbeat


class Command(db_worker.Command):
    help = "Run background jobs (imports from the upload page, reminders) until stopped."

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)  # the reloader's parent: the child beats
        stop = heartbeat.start(options["worker_id"])
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
