"""The period report one-stop staff know: per unit and field, carried over, received by channel,
finished early / on time / late, still in progress (not yet due / overdue), returned by post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onestop.choices import Channel
from onestop.models import Dossier
from organizations.models import Unit

COLUMNS = [
    ("carried_over", gettext_lazy("Kỳ trước chuyển qua")),
    ("in_person", gettext_lazy("Tiếp nhận trực tiếp")),
    ("online", gettext_lazy("Tiếp nhận trực tuyến")),
    ("postal", gettext_lazy("Tiếp nhận qua BCCI")),
    ("finished_early", gettext_lazy("Giải quyết trước hạn")),
    ("finished_on_time", gettext_lazy("Giải quyết đúng hạn")),
    ("finished_late", gettext_lazy("Giải quyết quá hạn")),
    ("open_not_due", gettext_lazy("Đang giải quyết trong hạn")),
    ("open_overdue", gettext_lazy("Đang giải quyết quá hạn")),
    ("returned_by_post", gettext_lazy("Trả kết quả qua BCCI")),
]


def period_report(*, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None) -> dict[str, Any]:
    # Every dossier that was open at some point of the period: received by its end, not finished before it.
    active = Dossier.objects.filter(received_on__lte=end).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=start)
    )
    if unit_ids is not None:
        active = active.filter(receiving_unit_id__in=list(unit_ids))
    received = Q(received_on__gte=start)
    finished = Q(completed_on__isnull=False, completed_on__lte=end)
    still_open = Q(completed_on__isnull=True) | Q(completed_on__gt=end)
    rows = (
        active.values("receiving_unit_id", "procedure__field")
        .annotate(
            carried_over=Count("pk", filter=Q(received_on__lt=start)),
            in_person=Count("pk", filter=received & Q(channel=Channel.IN_PERSON)),
            online=Count("pk", filter=received & Q(channel=Channel.ONLINE)),
            postal=Count("pk", filter=received & Q(channel=Channel.POSTAL)),
            finished_early=Count("pk", filter=finished & Q(completed_on__lt=F("due_on"))),
            finished_on_time=Count("pk", filter=finished & Q(completed_on=F("due_on"))),
            finished_late=Count("pk", filter=finished & Q(completed_on__gt=F("due_on"))),
            open_not_due=Count("pk", filter=still_open & (Q(due_on__gte=end) | Q(due_on__isnull=True))),
            open_overdue=Count("pk", filter=still_open & Q(due_on__lt=end)),
            returned_by_post=Count("pk", filter=finished & Q(postal_return=True)),
        )
        .order_by()
    )
    names = dict(Unit.objects.filter(pk__in={r["receiving_unit_id"] for r in rows}).values_list("pk", "short_name"))
    keys = [key for key, _label in COLUMNS]
    table = sorted(
        ([names[r["receiving_unit_id"]], r["procedure__field"] or "—", *[r[k] for k in keys]] for r in rows),
        key=lambda row: (row[0], row[1]),
    )
    totals = [sum(row[i] for row in table) for i in range(2, 2 + len(keys))]
    headers = [_("Đơn vị"), _("Lĩnh vực"), *[str(label) for _key, label in COLUMNS]]
    return {"headers": headers, "rows": [*table, [_("Tổng cộng"), "", *totals]] if table else [], "keys": keys}
