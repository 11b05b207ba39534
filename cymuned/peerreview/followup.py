"""Following up the agreed actions: which are overdue, and whether an owner is due a reminder.

An action is overdue when it is still open (not started or in progress) after its due date, the day
reckoned in Wales. An owner is e-mailed about their overdue actions at most once a week: not again
until seven days after the last reminder.
"""

from datetime import date, timedelta

OPEN_STATUSES = frozenset({"not_started", "in_progress"})
REMIND_EVERY = timedelta(days=7)


def is_overdue(status: str, due: date | None, today: date) -> bool:
    return status in OPEN_STATUSES and due is not None and due < today


def reminder_due(last_reminded: date | None, today: date) -> bool:
    return last_reminded is None or today - last_reminded >= REMIND_EVERY
