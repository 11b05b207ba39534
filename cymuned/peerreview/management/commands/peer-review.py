"""`cymuned peer-review draw --cycle 2026-27 [--seed N] [--dry-run] [--reason TEXT] --format json`
and `cymuned peer-review remind`."""

import datetime as dt
import getpass
import json
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cymuned.accounts.access import may_draw
from cymuned.peerreview.draw import as_json
from cymuned.peerreview.drawing import DrawRefused, make, record
from cymuned.peerreview.reminders import send_reminders
from cymuned.periods import FinancialYear, local_date


class Command(BaseCommand):
    help = "The national peer review: draw the units to review, or remind owners of overdue actions."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        drawing = sub.add_parser("draw", help="draw one unit per health board, its reviewers and its outcomes")
        drawing.add_argument("--cycle", required=True, help="the cycle, e.g. 2026-27")
        drawing.add_argument("--seed", type=int, help="the seed (default: a new random seed, recorded)")
        drawing.add_argument("--on", help="the draw date: units existing on it (default: today)")
        drawing.add_argument("--dry-run", action="store_true", help="show the draw without recording it")
        drawing.add_argument("--reason", default="", help="why a cycle already drawn is drawn again")
        drawing.add_argument("--user", help="the national administrator drawing (default: the system user)")
        drawing.add_argument("--format", choices=["json", "table"], default="table")
        sub.add_parser("remind", help="e-mail owners of overdue actions (at most once a week each)")

    def handle(self, action, **options):
        if action == "remind":
            sent = send_reminders(local_date())
            self.stdout.write(f"{sent} reminder(s) sent")
            return
        try:
            cycle = FinancialYear.parse(options["cycle"])
        except ValueError as error:
            raise CommandError(f"--cycle: {error}") from None
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else local_date()
        except ValueError:
            raise CommandError(f"--on: {options['on']!r} is not a date like 2026-04-01") from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user called {options['user']!r}")
            if not may_draw(user):
                raise CommandError(f"{options['user']} is not a national administrator and may not draw")
        seed = options["seed"] if options["seed"] is not None else secrets.randbits(32)
        if not -(2**63) <= seed < 2**63:
            raise CommandError("--seed must fit in 64 bits")
        try:
            lines = make(cycle, seed, on)
            if not options["dry_run"]:
                record(
                    cycle,
                    seed,
                    on,
                    lines,
                    user=user,
                    who=user.get_username() if user else getpass.getuser(),
                    reason=options["reason"],
                )
        except DrawRefused as error:
            raise CommandError(str(error)) from None
        result = as_json(str(cycle), seed, lines)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        for line in result["draws"]:
            self.stdout.write(
                f"{line['health_board']}: {line['unit'] or '—'} reviewed by {line['reviewing_board'] or '—'}; {', '.join(line['outcomes'])}"
            )
        self.stdout.write(f"seed {seed}{' (not recorded: dry run)' if options['dry_run'] else ''}")
