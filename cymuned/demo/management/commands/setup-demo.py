import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from cymuned.demo.loaders import load_all


class Command(BaseCommand):
    help = (
        "Load the reference data and, into an empty database, the demonstration data; create a "
        "demo administrator with a random password printed once."
    )

    def handle(self, **options):
        with transaction.atomic():
            load_all(self.stdout)
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator exists already; reset a password with `cymuned changepassword NAME`.")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser("admin", "admin@localhost", password)
        line = "=" * 64
        self.stdout.write(
            f"{line}\nDemo administrator created (shown once):\n  user name: admin\n  password:  {password}\n{line}"
        )
