"""A plan's progress as XLSX and as a Word report in the Decree 30/2020 layout (core.exports)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import OfficialDocument, add_table, official_docx, xlsx_bytes
from plans.models import Plan
from plans.selectors import PlanProgress


def _rows(progress: PlanProgress):
    for a in progress.assignments:
        activity = a.plan_activity_link.activity
        yield [
            activity.number or activity.order,
            activity.section.title if activity.section else "",
            a.content,
            str(a.lead_unit),
            a.deadline,
            activity.output,
            str(a.status.label),
            _("Chờ duyệt báo cáo hoàn thành") if a.waiting else "",
        ]


HEADERS = [
    gettext_lazy("STT"),
    gettext_lazy("Mục"),
    gettext_lazy("Nội dung nhiệm vụ"),
    gettext_lazy("Cơ quan chủ trì"),
    gettext_lazy("Thời hạn"),
    gettext_lazy("Sản phẩm"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Ghi chú"),
]


def plan_xlsx(plan: Plan, progress: PlanProgress) -> bytes:
    title = _("Tiến độ thực hiện %(plan)s") % {"plan": f"{plan.kind.name} {plan.year} ({plan})"}
    return xlsx_bytes([str(h) for h in HEADERS], _rows(progress), title=title)


def plan_docx(plan: Plan, progress: PlanProgress, *, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    issuer = plan.issuing_unit
    doc = OfficialDocument(
        issuing_body=issuer.short_name,
        parent_body=issuer.parent.short_name if issuer.parent_id else "",
        number="Số:      /BC-UBND",
        place=issuer.short_name.split(" ", 2)[-1],
        date=today,
        doc_type=_("Báo cáo"),
        summary=_("Kết quả thực hiện %(kind)s năm %(year)s (Kế hoạch số %(number)s ngày %(date)s)")
        % {"kind": plan.kind.name, "year": plan.year, "number": plan.number or "…", "date": f"{plan.date:%d/%m/%Y}"},
        signer_title=_("Chủ tịch"),
        signer_name=plan.signer,
        recipients=[_("Như trên"), _("Lưu: VT")],
    )

    def body(document):
        total = progress.total
        document.add_paragraph(_("I. KẾT QUẢ CHUNG")).runs[0].bold = True
        document.add_paragraph(
            _(
                "Kế hoạch có %(total)s lượt nhiệm vụ giao cho các cơ quan, đơn vị: %(done)s đã hoàn thành "
                "(%(pct)s%%), %(waiting)s chờ duyệt báo cáo hoàn thành, %(overdue)s quá hạn."
            )
            % {
                "total": total.total,
                "done": total.done,
                "pct": total.done_pct,
                "waiting": total.waiting,
                "overdue": total.overdue,
            }
        )
        document.add_paragraph(_("II. KẾT QUẢ THEO TỪNG NỘI DUNG")).runs[0].bold = True
        add_table(
            document,
            [_("Nội dung"), _("Số nhiệm vụ"), _("Hoàn thành"), _("Tỷ lệ (%)"), _("Quá hạn")],
            [[s.label, s.total, s.done, s.done_pct, s.overdue] for s in progress.sections],
        )
        document.add_paragraph(_("III. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ")).runs[0].bold = True
        add_table(
            document,
            [_("Cơ quan, đơn vị"), _("Số nhiệm vụ"), _("Hoàn thành"), _("Tỷ lệ (%)"), _("Quá hạn")],
            [[u.label, u.total, u.done, u.done_pct, u.overdue] for u in progress.units],
        )
        document.add_paragraph(_("IV. CHI TIẾT TỪNG NHIỆM VỤ")).runs[0].bold = True
        add_table(document, [str(h) for h in HEADERS], _rows(progress))

    return official_docx(doc, body)
