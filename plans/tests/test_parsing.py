"""The task-table reader of DOMAIN §9 on the shared samples and the project's own (other layouts)."""

import datetime as dt
import json

import pytest

from plans.parsing import PlanFileError, parse_deadline_cell, parse_plan_file
from plans.tests.conftest import FIXTURES

SAMPLES = [
    ("ke-hoach-cchc-phuong-2027", "docx"),
    ("ke-hoach-cchc-phuong-2027", "xlsx"),
    ("ke-hoach-chi-so-cchc-tinh-2027", "xlsx"),  # other order, title rows, date cells, A./1. headings
    ("ke-hoach-kiem-soat-tthc-phuong-2027", "csv"),  # semicolons, line breaks in cells, extra column
    ("ke-hoach-cntt-phuong-2027", "docx"),  # heading mark in the STT column, two levels, a layout table
]


@pytest.mark.parametrize(("stem", "ext"), SAMPLES)
def test_sample_reads_as_expected(stem, ext):
    path = FIXTURES / f"{stem}.{ext}"
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    plan = parse_plan_file(path.read_bytes(), filename=path.name, year=2027)
    assert plan.errors == []
    assert plan.as_dict() == expected
    assert 8 <= len(plan.tasks) <= 60


def test_docx_heading_gives_number_and_date():
    path = FIXTURES / "ke-hoach-cchc-phuong-2027.docx"
    plan = parse_plan_file(path.read_bytes(), filename=path.name, year=2027)
    assert (plan.number, plan.date) == ("05/KH-UBND", dt.date(2026, 12, 28))


def test_two_heading_levels():
    path = FIXTURES / "ke-hoach-cntt-phuong-2027.docx"
    plan = parse_plan_file(path.read_bytes(), filename=path.name, year=2027)
    assert [(s.title, s.level) for s in plan.sections] == [
        ("I. HẠ TẦNG KỸ THUẬT", 1),
        ("1. Trang thiết bị", 2),
        ("2. Mạng và an toàn thông tin", 2),
        ("II. ỨNG DỤNG VÀ DỊCH VỤ", 1),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Quý I/2027", dt.date(2027, 3, 31)),
        ("Quý IV", dt.date(2027, 12, 31)),
        ("Tháng 6/2027", dt.date(2027, 6, 30)),
        ("Tháng 2", dt.date(2027, 2, 28)),
        ("Trước ngày 15/02/2027", dt.date(2027, 2, 15)),
        ("Trước 15/02", dt.date(2027, 2, 15)),
        ("15/02/2027", dt.date(2027, 2, 15)),
        (dt.datetime(2027, 5, 4), dt.date(2027, 5, 4)),  # a real date cell
        ("Năm 2027", dt.date(2027, 12, 31)),
        ("Cả năm", dt.date(2027, 12, 31)),
        ("6 tháng đầu năm", dt.date(2027, 6, 30)),
        ("6 tháng cuối năm", dt.date(2027, 12, 31)),
        ("Thường xuyên", None),
        ("Hằng quý", None),
        ("Kịp thời", None),
        ("", None),
    ],
)
def test_deadline_cells(cell, expected):
    assert parse_deadline_cell(cell, year=2027) == expected


def test_impossible_date_is_an_error_naming_the_row():
    csv = (
        "Nội dung nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\n"
        "I. MỤC MỘT,,\n"
        "Việc một,Phòng Văn hóa - Xã hội,Quý I/2027\n"
        "Việc hai,Phòng Văn hóa - Xã hội,Trước ngày 31/02/2027\n"
    ).encode()
    plan = parse_plan_file(csv, filename="x.csv", year=2027)
    assert [(e.row, e.column) for e in plan.errors] == [(4, "Thời gian hoàn thành")]
    assert "31/02/2027" in str(plan.errors[0])


def test_no_task_table_is_refused():
    with pytest.raises(PlanFileError):
        parse_plan_file("Tiêu đề,Ghi chú\na,b\n".encode(), filename="x.csv", year=2027)
    with pytest.raises(PlanFileError):
        parse_plan_file(b"not a zip", filename="x.docx", year=2027)
    with pytest.raises(PlanFileError):
        parse_plan_file(b"x", filename="x.pdf", year=2027)
