"""Background tasks (Django Tasks API): the daily reminder job for task workers."""

import datetime as dt

from django_tasks import task

from assignments.reminders import reminders_send


@task()
def send_reminders_task(on: str | None = None) -> dict:
    """Run the daily reminders for `on` (ISO date; today by default). Idempotent per day."""
    return reminders_send(on=dt.date.fromisoformat(on) if on else None).as_dict()
