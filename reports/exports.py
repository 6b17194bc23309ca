"""The consolidated report: Word in the Decree 30/2020 layout (core.exports) and the same figures as XLSX."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import OfficialDocument, add_table, official_docx, xlsx_bytes
from reports.models import ReportCycle
from reports.selectors import consolidated, format_figure, unit_figures


def _document(cycle: ReportCycle) -> OfficialDocument:
    owner = cycle.owner
    parent = owner.parent.full_name or owner.parent.short_name if owner.parent_id else ""
    return OfficialDocument(
        issuing_body=owner.full_name or owner.short_name,
        parent_body=parent,
        date=timezone.localdate(),
        summary=_("Kết quả công tác cải cách hành chính %(title)s") % {"title": cycle.title.lower()},
        signer_title=_("TM. %(unit)s") % {"unit": owner.short_name},
        recipients=[_("Lưu: VT")],
    )


def consolidated_docx(cycle: ReportCycle) -> bytes:
    data = consolidated(cycle)
    rate = data["rate"]
    by_section: dict[int | None, list] = {}
    for item in data["rows"]:
        by_section.setdefault(item.row.section_id, []).append(item)

    def body(document) -> None:
        document.add_paragraph(
            _("Số liệu tính từ ngày %(start)s đến ngày %(end)s.")
            % {"start": cycle.start.strftime("%d/%m/%Y"), "end": cycle.end.strftime("%d/%m/%Y")}
        )
        document.add_paragraph(
            _(
                "Có %(submitted)s/%(total)s cơ quan, đơn vị gửi báo cáo (%(on_time)s đúng hạn, %(late)s muộn); "
                "%(accepted)s báo cáo đã được tiếp nhận."
            )
            % {
                "submitted": rate["submitted"],
                "total": rate["total"],
                "on_time": rate["counts"]["on_time"],
                "late": rate["counts"]["late"],
                "accepted": len(data["accepted"]),
            }
        )
        document.add_heading(_("I. KẾT QUẢ THỰC HIỆN"), level=2)
        for section in cycle.template.sections.all():
            document.add_heading(f"{section.code}. {section.title}", level=3)
            for item in by_section.get(section.pk, []):
                document.add_paragraph(f"- {item.row.label}: {item.total}.")
            for report in data["accepted"]:
                text = next((t.text for t in report.texts.all() if t.section_id == section.pk), "")
                if text:
                    document.add_paragraph(f"- {report.unit.short_name}: {text}")
            document.add_paragraph(_("[Nội dung bổ sung, chỉnh sửa]"))
        document.add_heading(_("Phụ lục 1. Số liệu tổng hợp"), level=2)
        add_table(
            document,
            [_("STT"), _("Chỉ tiêu"), _("Số liệu")],
            [(i, item.row.label, item.total) for i, item in enumerate(data["rows"], start=1)],
        )
        document.add_heading(_("Phụ lục 2. Số liệu của các cơ quan, đơn vị"), level=2)
        rows = []
        for i, report in enumerate(data["accepted"], start=1):
            for j, (label, value) in enumerate(unit_figures(report)):
                rows.append((i if j == 0 else "", report.unit.short_name if j == 0 else "", label, value))
        add_table(document, [_("STT"), _("Đơn vị"), _("Chỉ tiêu"), _("Số liệu")], rows)
        document.add_heading(_("Phụ lục 3. Cơ quan, đơn vị chưa gửi báo cáo"), level=2)
        if data["missing"]:
            for unit in data["missing"]:
                document.add_paragraph(f"- {unit.short_name}")
        else:
            document.add_paragraph(_("Tất cả cơ quan, đơn vị đã gửi báo cáo."))
        if data["late"]:
            document.add_paragraph(
                _("Gửi muộn: %(units)s.")
                % {"units": ", ".join(f"{r.report.unit.short_name} ({r.late_days})" for r in data["late"])}
            )

    return official_docx(_document(cycle), body)


def consolidated_xlsx(cycle: ReportCycle) -> bytes:
    data = consolidated(cycle)
    labels = [item.row.label for item in data["rows"]]
    headers = [_("Đơn vị"), _("Trạng thái"), _("Gửi lúc"), *labels]
    timeliness = {r.report.pk: r.timeliness_label for r in data["rate"]["rows"]}
    rows = []
    for report in data["reports"]:
        figures = {f.row_id: format_figure(f) for f in report.figures.all()}
        submitted = timezone.localtime(report.first_submitted_at).date() if report.first_submitted_at else None
        rows.append(
            [
                report.unit.short_name,
                f"{report.get_status_display()} – {timeliness.get(report.pk, '')}",
                submitted,
                *(figures.get(item.row.pk, "") for item in data["rows"]),
            ]
        )
    rows.append([_("Toàn đơn vị (số liệu hệ thống)"), "", None, *(item.total for item in data["rows"])])
    return xlsx_bytes(headers, rows, title=f"{cycle.title} – {cycle.owner.short_name}")
