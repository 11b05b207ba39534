"""E-mail each owner their overdue actions, at most once a week (`followup.py` decides)."""

from collections import defaultdict
from datetime import date

from django.core.mail import send_mail

from .followup import OPEN_STATUSES, is_overdue, reminder_due
from .models import Action


def overdue_actions(today: date):
    return [
        a
        for a in Action.objects.filter(status__in=OPEN_STATUSES, due__lt=today).select_related("review__line__unit")
        if is_overdue(a.status, a.due, today)
    ]


def send_reminders(today: date) -> int:
    """One e-mail per owner address listing every overdue action not reminded of in the past week."""
    by_owner: dict[str, list[Action]] = defaultdict(list)
    for action in overdue_actions(today):
        if action.owner_email and reminder_due(action.last_reminded, today):
            by_owner[action.owner_email].append(action)
    for email, actions in sorted(by_owner.items()):
        lines = [
            f"- {a.text} (due {a.due:%d/%m/%Y}; peer review of {a.review.line.unit.code if a.review.line.unit else '—'})"
            for a in actions
        ]
        body = (
            "These actions agreed at a cluster peer review are past their due date:\n\n"
            + "\n".join(lines)
            + "\n\nMae'r camau hyn a gytunwyd mewn adolygiad gan gymheiriaid wedi pasio'u dyddiad.\n"
        )
        send_mail("Peer review actions overdue / Camau adolygiad gan gymheiriaid yn hwyr", body, None, [email])
        Action.objects.filter(pk__in=[a.pk for a in actions]).update(last_reminded=today)
    return len(by_owner)
