"""Seed data: the usual PAR report template, the four report kinds (the 14th rule), and the Decision 766
forecast formulas as the portal describes them in 2022 (not law: edit them in the admin when they change)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

SECTIONS = [
    ("I.1", "Công tác chỉ đạo, điều hành cải cách hành chính", "Kế hoạch, văn bản chỉ đạo, kiểm tra, tuyên truyền."),
    ("I.2", "Cải cách thể chế", "Xây dựng, ban hành, rà soát văn bản quy phạm pháp luật."),
    (
        "I.3",
        "Cải cách thủ tục hành chính",
        "Kiểm soát, rà soát TTHC; kết quả giải quyết hồ sơ theo cơ chế một cửa, một cửa liên thông.",
    ),
    ("I.4", "Cải cách tổ chức bộ máy hành chính nhà nước", "Sắp xếp tổ chức, tinh giản biên chế."),
    ("I.5", "Cải cách chế độ công vụ", "Tuyển dụng, đào tạo, bồi dưỡng, kỷ luật, kỷ cương hành chính."),
    ("I.6", "Cải cách tài chính công", "Cơ chế tự chủ, quản lý tài sản công, kinh phí cho CCHC."),
    (
        "I.7",
        "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "Văn bản điện tử, ký số, dịch vụ công trực tuyến, số hóa hồ sơ.",
    ),
    ("II", "Đánh giá chung", "Kết quả nổi bật; tồn tại, hạn chế và nguyên nhân."),
    ("III", "Nhiệm vụ trọng tâm kỳ tới", ""),
    ("IV", "Đề xuất, kiến nghị", ""),
]
# (section code, label, source, metric key, kind, unit label)
FIGURES = [
    ("I.1", "Số văn bản chỉ đạo, điều hành về CCHC ban hành", "typed", "", "count", "văn bản"),
    ("I.1", "Số cuộc kiểm tra công tác CCHC", "typed", "", "count", "cuộc"),
    ("I.1", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "metric", "assignments.on_time_rate", "rate", ""),
    ("I.2", "Số văn bản quy phạm pháp luật ban hành", "typed", "", "count", "văn bản"),
    ("I.3", "Tỷ lệ hồ sơ giải quyết đúng hạn", "metric", "onestop.on_time_rate", "rate", ""),
    ("I.3", "Tỷ lệ hồ sơ trực tuyến (TTHC có DVC trực tuyến)", "metric", "onestop.online_rate", "rate", ""),
    (
        "I.3",
        "Tỷ lệ TTHC trực tuyến phát sinh hồ sơ trực tuyến",
        "metric",
        "onestop.online_procedure_uptake",
        "rate",
        "",
    ),
    ("I.3", "Tỷ lệ hồ sơ nộp qua bưu chính công ích", "metric", "onestop.postal_rate", "rate", ""),
    ("I.3", "Số TTHC được rà soát, đề xuất đơn giản hóa", "typed", "", "count", "thủ tục"),
    ("I.5", "Số lượt cán bộ, công chức được đào tạo, bồi dưỡng", "typed", "", "count", "lượt"),
    ("I.6", "Kinh phí bố trí cho CCHC", "typed", "", "count", "triệu đồng"),
]
# code, name, months of data, first end month, step, periods per year
KINDS = [
    ("quarter", "Báo cáo quý", 3, 3, 3, 4),
    ("half", "Báo cáo 6 tháng", 6, 6, 12, 1),
    ("nine_months", "Báo cáo 9 tháng", 9, 9, 12, 1),
    ("year", "Báo cáo năm", 12, 12, 12, 1),
]
HINT_DOSSIERS = "{n} hồ sơ giải quyết đúng hạn nữa trong {period} để đạt {target}"
# group, group max, code, name, max, formula, metric key, full_at, formula text, closing hint
INDICATORS = [
    ("Công khai, minh bạch", 18, "1.1", "Công bố TTHC đúng hạn", 6, "none", "", None, "", ""),
    (
        "Công khai, minh bạch",
        18,
        "1.2",
        "Cập nhật, công khai TTHC đúng hạn",
        4,
        "published_on_time",
        "",
        None,
        "Điểm = (TTHC công khai trong 5 ngày làm việc sau quyết định công bố ÷ TTHC được công bố trong kỳ) × 4",
        "{n} TTHC nữa cần công khai đúng hạn",
    ),
    ("Công khai, minh bạch", 18, "1.3", "Hồ sơ TTHC đầy đủ", 2, "none", "", None, "", ""),
    ("Công khai, minh bạch", 18, "1.4", "Đồng bộ hồ sơ lên Cổng DVC quốc gia", 6, "none", "", None, "", ""),
    (
        "Tiến độ giải quyết",
        20,
        "2.1",
        "Hồ sơ giải quyết đúng hạn hoặc còn trong hạn",
        20,
        "on_time",
        "",
        None,
        "Điểm = (hồ sơ đúng hạn hoặc còn trong hạn ÷ hồ sơ tiếp nhận hoặc giải quyết trong kỳ) × 20; "
        "hồ sơ yêu cầu bổ sung quá 1 lần tính là trễ hạn; hồ sơ chưa xong xét tại ngày cuối kỳ",
        HINT_DOSSIERS,
    ),
    (
        "Dịch vụ trực tuyến",
        12,
        "3.1",
        "TTHC có dịch vụ công trực tuyến",
        6,
        "online_procedures",
        "",
        Decimal("0.8"),
        "Tỷ lệ = TTHC có DVC trực tuyến ÷ TTHC thuộc thẩm quyền; đủ 6 điểm khi ≥ 80 %, "
        "dưới đó điểm = tỷ lệ × 6 ÷ 80 %",
        "{n} TTHC nữa cần cung cấp DVC trực tuyến để đạt {target}",
    ),
    (
        "Dịch vụ trực tuyến",
        12,
        "3.2",
        "Hồ sơ nộp trực tuyến",
        6,
        "online_dossiers",
        "",
        Decimal("0.5"),
        "Tỷ lệ = hồ sơ trực tuyến ÷ tổng hồ sơ; đủ 6 điểm khi ≥ 50 %, dưới đó điểm = tỷ lệ × 6 ÷ 50 %",
        "{n} hồ sơ trực tuyến nữa trong {period} để đạt {target}",
    ),
    (
        "Thanh toán trực tuyến",
        10,
        "4.1",
        "TTHC tích hợp thanh toán trực tuyến",
        2,
        "none",
        "",
        Decimal("0.8"),
        "",
        "",
    ),
    (
        "Thanh toán trực tuyến",
        10,
        "4.2",
        "TTHC có phát sinh thanh toán trực tuyến",
        2,
        "procedures_paid_online",
        "",
        None,
        "Điểm = (TTHC có hồ sơ thanh toán trực tuyến ÷ TTHC có hồ sơ thu phí) × 2",
        "{n} TTHC nữa cần có hồ sơ thanh toán trực tuyến",
    ),
    (
        "Thanh toán trực tuyến",
        10,
        "4.3",
        "Hồ sơ thanh toán trực tuyến",
        6,
        "online_payment",
        "",
        None,
        "Điểm = (hồ sơ thanh toán trực tuyến ÷ hồ sơ có nghĩa vụ tài chính) × 6",
        "{n} hồ sơ thanh toán trực tuyến nữa trong {period} để đạt {target}",
    ),
    (
        "Số hóa hồ sơ",
        22,
        "5.1",
        "Kết quả giải quyết điện tử",
        6,
        "electronic_results",
        "",
        None,
        "Điểm = (hồ sơ có kết quả điện tử ÷ hồ sơ có kết quả) × 6",
        "{n} kết quả điện tử nữa trong {period} để đạt {target}",
    ),
    (
        "Số hóa hồ sơ",
        22,
        "5.2",
        "Số hóa hồ sơ, thành phần hồ sơ và kết quả",
        4,
        "digitised",
        "",
        Decimal("0.8"),
        "Tỷ lệ = hồ sơ được số hóa ÷ hồ sơ tiếp nhận; đủ 4 điểm khi ≥ 80 %, dưới đó điểm = tỷ lệ × 4 ÷ 80 %",
        "{n} hồ sơ số hóa nữa trong {period} để đạt {target}",
    ),
    ("Số hóa hồ sơ", 22, "5.3", "Cấp bản sao điện tử có chứng thực", 2, "none", "", None, "", ""),
    ("Số hóa hồ sơ", 22, "5.4", "Tái sử dụng dữ liệu số hóa", 2, "none", "", Decimal("0.8"), "", ""),
    ("Số hóa hồ sơ", 22, "5.5", "Kết nối kho dữ liệu quốc gia", 4, "none", "", None, "", ""),
    ("Số hóa hồ sơ", 22, "5.6", "Hồ sơ khai thác Cơ sở dữ liệu quốc gia về dân cư", 2, "none", "", None, "", ""),
    ("Số hóa hồ sơ", 22, "5.7", "TTHC kết nối Cơ sở dữ liệu quốc gia về dân cư", 2, "none", "", None, "", ""),
    ("Mức độ hài lòng", 18, "6.1", "Xử lý phản ánh, kiến nghị đúng hạn", 6, "none", "", None, "", ""),
    ("Mức độ hài lòng", 18, "6.2", "Hài lòng về xử lý phản ánh, kiến nghị", 6, "none", "", None, "", ""),
    (
        "Mức độ hài lòng",
        18,
        "6.3",
        "Hài lòng về giải quyết TTHC",
        6,
        "metric",
        "surveys.procedure_satisfaction",
        Decimal("0.9"),
        "Tỷ lệ = 100 % − (tỷ lệ trễ hạn + tỷ lệ hồ sơ có phản ánh, không hài lòng); đủ 6 điểm khi ≥ 90 %, "
        "dưới đó điểm = tỷ lệ × 6 ÷ 90 %",
        "",
    ),
]


def seed(apps, schema_editor):
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    TemplateSection = apps.get_model("reports", "TemplateSection")
    FigureRow = apps.get_model("reports", "FigureRow")
    ReportKind = apps.get_model("reports", "ReportKind")
    IndexRuleSet = apps.get_model("reports", "IndexRuleSet")
    IndexIndicator = apps.get_model("reports", "IndexIndicator")

    template, _created = ReportTemplate.objects.get_or_create(
        name="Báo cáo kết quả công tác cải cách hành chính",
        defaults={"legal_basis": "Hướng dẫn báo cáo CCHC của Bộ Nội vụ; Nghị định 09/2019/NĐ-CP"},
    )
    sections = {}
    for position, (code, title, guidance) in enumerate(SECTIONS, start=1):
        sections[code], _c = TemplateSection.objects.get_or_create(
            template=template, code=code, defaults={"title": title, "guidance": guidance, "position": position}
        )
    for position, (section, label, source, key, kind, unit_label) in enumerate(FIGURES, start=1):
        FigureRow.objects.get_or_create(
            template=template,
            label=label,
            defaults={
                "section": sections[section],
                "position": position,
                "source": source,
                "metric_key": key,
                "kind": kind,
                "unit_label": unit_label,
            },
        )
    for position, (code, name, length, first_end, step, per_year) in enumerate(KINDS, start=1):
        ReportKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "length_months": length,
                "first_end_month": first_end,
                "step_months": step,
                "periods_per_year": per_year,
                "cutoff_day": 14,
                "due_day": 20,
                "template": template,
                "reporting_unit_kinds": ["agency", "commune", "service_centre"],
                "legal_basis": "Nghị định 09/2019/NĐ-CP; chốt số liệu ngày 14, gửi trước ngày 20",
                "position": position,
            },
        )
    rule_set, _created = IndexRuleSet.objects.get_or_create(
        name="Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
        defaults={
            "valid_from": dt.date(2022, 6, 23),
            "legal_basis": "Quyết định 766/QĐ-TTg ngày 23/6/2022; công thức theo mô tả công khai của Cổng DVC quốc gia",
        },
    )
    for position, row in enumerate(INDICATORS, start=1):
        group, group_max, code, name, max_points, formula, key, full_at, text, hint = row
        IndexIndicator.objects.get_or_create(
            rule_set=rule_set,
            code=code,
            defaults={
                "position": position,
                "group": group,
                "group_max": group_max,
                "name": name,
                "max_points": max_points,
                "formula": formula,
                "metric_key": key,
                "full_at": full_at,
                "formula_text": text,
                "closing_hint": hint,
                "working_days": 5 if formula == "published_on_time" else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_report_cycles_unit_reports_index766")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
