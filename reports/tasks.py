"""Background tasks (Django Tasks API): the daily reminder job of periodic reports."""

import datetime as dt

from django_tasks import task

from reports.services import reports_remind


@task()
def remind_reports_task(on: str | None = None) -> dict:
    """Remind units of reports due soon or late on `on` (ISO date; today by default). Idempotent per day."""
    return reports_remind(on=dt.date.fromisoformat(on) if on else None).as_dict()
