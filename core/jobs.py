"""A registry of daily jobs, run together by `python manage.py daily` (one cron line).

Apps register their daily work in `AppConfig.ready()`, so that `core` runs it without importing them (apps
never import upward):

    register_daily_job("assignments.reminders", lambda on: reminders_send(on=on), label="Nhắc việc", order=10)

`run(on)` gets the day being run for (a job that does not depend on the date ignores it) and may return a
summary (a dict, a number, a string) that is logged and printed. Each job runs in its own transaction: a job
that fails is rolled back and logged, and the others still run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger("tiendo.jobs")


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: Callable[[dt.date], Any]
    label: str = ""
    order: int = 100


@dataclass
class JobResult:
    name: str
    ok: bool
    summary: Any = None
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, DailyJob] = {}


def register_daily_job(name: str, run: Callable[[dt.date], Any], *, label: str = "", order: int = 100) -> None:
    """Register (or replace, by name) a daily job."""
    _REGISTRY[name] = DailyJob(name=name, run=run, label=label or name, order=order)


def unregister_daily_job(name: str) -> None:
    _REGISTRY.pop(name, None)


def daily_jobs() -> list[DailyJob]:
    return sorted(_REGISTRY.values(), key=lambda job: (job.order, job.name))


def run_daily_jobs(*, on: dt.date, only: list[str] | None = None) -> list[JobResult]:
    """Run every registered job (or those named in `only`) for the day `on`, each in its own transaction.
    A failure is logged with its traceback and reported in the result; it never stops the jobs after it."""
    results = []
    for job in daily_jobs():
        if only and job.name not in only:
            continue
        try:
            with transaction.atomic():
                summary = job.run(on)
        except Exception as exc:
            logger.exception("daily job %s failed", job.name, extra={"job": job.name, "on": on.isoformat()})
            results.append(JobResult(job.name, False, error=f"{type(exc).__name__}: {exc}"))
        else:
            logger.info("daily job %s done", job.name, extra={"job": job.name, "on": on.isoformat()})
            results.append(JobResult(job.name, True, summary=summary))
    return results
