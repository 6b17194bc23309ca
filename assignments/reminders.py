"""Reminders and escalation (đôn đốc, nhắc việc): the daily job.

`reminders_send(on=…)` is the one service; `manage.py send_reminders` (for cron) and the Django task
`send_reminders_task` call it. Every notice is a `Notification` row whose key (kind, assignment,
reference date) is unique per user, so running the job twice a day sends nothing twice.

Per working day (days are counted in working days with `core.workdays`; the job does nothing on
weekends and holidays):

- **due soon**: N working days before the deadline (ASSIGNMENT_REMINDER_DAYS_BEFORE, default 7 and 1),
  to the lead unit's people;
- **overdue**: N working days after it (ASSIGNMENT_REMINDER_DAYS_AFTER, default 1 and 5);
- **escalation**: an overdue assignment unchanged for ASSIGNMENT_ESCALATE_AFTER_DAYS working days goes to
  the lead unit's leaders (or, if it has none, the leaders of the unit above) — once per unchanged spell;
- **daily digest**: one notice per user listing their units' overdue and soon-due work;
- **weekly digest** (on ASSIGNMENT_WEEKLY_DIGEST_WEEKDAY, Monday by default): to the leaders of every unit
  with overdue work, listing it.

In-app notices always; e-mail too for users with an address.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import conf
from assignments.choices import AssignmentStatus, NotificationKind
from assignments.models import Assignment, Notification
from assignments.selectors import with_status
from assignments.services import notification_create
from core.workdays import WorkCalendar
from organizations.choices import Role
from organizations.models import Membership

logger = logging.getLogger(__name__)
DIGEST_HORIZON_WORKING_DAYS = 5


@dataclass
class ReminderSummary:
    on: str
    working_day: bool = True
    due_soon: int = 0
    overdue: int = 0
    escalations: int = 0
    daily_digests: int = 0
    weekly_digests: int = 0
    emails: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _members(unit_ids) -> dict[int, list[tuple]]:
    """unit id → [(user, role)] of active memberships, in one query."""
    found: dict[int, list[tuple]] = defaultdict(list)
    memberships = Membership.objects.filter(unit_id__in=set(unit_ids), is_active=True, user__is_active=True)
    for membership in memberships.select_related("user"):
        found[membership.unit_id].append((membership.user, membership.role))
    return found


def _people(members, unit_id) -> list:
    """Who works on a unit's assignments: everyone but read-only viewers."""
    return [user for user, role in members.get(unit_id, []) if role != Role.VIEWER]


def _leaders(members, unit) -> list:
    leaders = [user for user, role in members.get(unit.pk, []) if role == Role.LEADER]
    if not leaders and unit.parent_id:
        leaders = [user for user, role in members.get(unit.parent_id, []) if role == Role.LEADER]
    return leaders


def _line(assignment: Assignment, on: dt.date) -> str:
    deadline = assignment.deadline.strftime("%d/%m/%Y") if assignment.deadline else "—"
    late = (on - assignment.deadline).days if assignment.deadline and on > assignment.deadline else 0
    suffix = _(" (quá hạn %(n)s ngày)") % {"n": late} if late else ""
    return f"- {assignment.lead_unit}: {assignment.content[:150]} — {_('hạn')} {deadline}{suffix}"


@transaction.atomic
def reminders_send(*, on: dt.date | None = None) -> ReminderSummary:
    on = on or timezone.localdate()
    summary = ReminderSummary(on=on.isoformat())
    calendar = WorkCalendar(on - dt.timedelta(days=400), on + dt.timedelta(days=120))
    if not calendar.is_working_day(on):
        summary.working_day = False
        return summary
    open_work = list(
        with_status(
            Assignment.objects.filter(done_at__isnull=True, cancelled_at__isnull=True, deadline__isnull=False),
            on=on,
        )
        .select_related("lead_unit")
        .order_by("deadline", "pk")
    )
    unit_ids = {a.lead_unit_id for a in open_work} | {a.lead_unit.parent_id for a in open_work if a.lead_unit.parent_id}
    members = _members(unit_ids)
    created: list[Notification] = []
    before, after = set(conf.reminder_days_before()), set(conf.reminder_days_after())
    escalate_after = conf.escalate_after_days()
    digest: dict[int, tuple[object, list[Assignment]]] = {}

    def add(notification, counter: str) -> None:
        if notification is not None:
            created.append(notification)
            setattr(summary, counter, getattr(summary, counter) + 1)

    for assignment in open_work:
        people = _people(members, assignment.lead_unit_id)
        if assignment.deadline >= on:
            left = calendar.working_days_between(on, assignment.deadline)
            if left in before:
                for user in people:
                    add(
                        notification_create(
                            recipient=user,
                            kind=NotificationKind.DUE_SOON,
                            assignment=assignment,
                            reference_date=on,
                            subject=_("Còn %(n)s ngày làm việc đến hạn %(date)s: %(content)s")
                            % {
                                "n": left,
                                "date": assignment.deadline.strftime("%d/%m/%Y"),
                                "content": assignment.content[:120],
                            },
                        ),
                        "due_soon",
                    )
            if left <= DIGEST_HORIZON_WORKING_DAYS:
                for user in people:
                    digest.setdefault(user.pk, (user, []))[1].append(assignment)
            continue
        late = calendar.working_days_between(assignment.deadline, on)
        for user in people:
            digest.setdefault(user.pk, (user, []))[1].append(assignment)
        if late in after:
            for user in people:
                add(
                    notification_create(
                        recipient=user,
                        kind=NotificationKind.OVERDUE,
                        assignment=assignment,
                        reference_date=on,
                        subject=_("Quá hạn %(n)s ngày làm việc: %(content)s")
                        % {"n": late, "content": assignment.content[:120]},
                    ),
                    "overdue",
                )
        changed = timezone.localdate(assignment.updated_at)
        if calendar.working_days_between(max(changed, assignment.deadline), on) >= escalate_after:
            for user in _leaders(members, assignment.lead_unit):
                add(
                    notification_create(
                        recipient=user,
                        kind=NotificationKind.ESCALATION,
                        assignment=assignment,
                        reference_date=changed,  # once per unchanged spell
                        subject=_("Nhiệm vụ quá hạn chưa có chuyển biến (%(unit)s): %(content)s")
                        % {"unit": assignment.lead_unit, "content": assignment.content[:120]},
                        body=_("Nhiệm vụ quá hạn từ %(date)s và không có cập nhật từ %(changed)s.")
                        % {"date": assignment.deadline.strftime("%d/%m/%Y"), "changed": changed.strftime("%d/%m/%Y")},
                    ),
                    "escalations",
                )

    for user, items in digest.values():
        add(
            notification_create(
                recipient=user,
                kind=NotificationKind.DIGEST_DAILY,
                reference_date=on,
                subject=_("Nhắc việc ngày %(date)s: %(n)s nhiệm vụ cần chú ý")
                % {"date": on.strftime("%d/%m/%Y"), "n": len(items)},
                body="\n".join(_line(a, on) for a in items),
                url="/nhiem-vu/",
            ),
            "daily_digests",
        )

    if on.weekday() == conf.weekly_digest_weekday():
        by_leader: dict[int, tuple[object, list[Assignment]]] = {}
        for assignment in open_work:
            if assignment.status != AssignmentStatus.OVERDUE:
                continue
            for user in _leaders(members, assignment.lead_unit):
                by_leader.setdefault(user.pk, (user, []))[1].append(assignment)
        for user, items in by_leader.values():
            add(
                notification_create(
                    recipient=user,
                    kind=NotificationKind.DIGEST_WEEKLY,
                    reference_date=on,
                    subject=_("Tổng hợp tuần: %(n)s nhiệm vụ quá hạn") % {"n": len(items)},
                    body="\n".join(_line(a, on) for a in items),
                    url="/nhiem-vu/theo-doi/",
                ),
                "weekly_digests",
            )

    transaction.on_commit(lambda: _email([n.pk for n in created]))
    summary.emails = sum(1 for n in created if n.recipient.email)
    return summary


def _email(notification_ids: list[int]) -> int:
    """Send the e-mails of new notices; a failure is logged and the notice stays un-emailed."""
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    queryset = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient")
    for notification in queryset:
        address = notification.recipient.email
        if not address:
            continue
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{base}{notification.url}".strip()
        try:
            send_mail(f"[{settings.SITE_NAME}] {notification.subject}", body, None, [address])
        except OSError:
            logger.exception("Không gửi được thư nhắc việc %s", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
