"""`import_plan`: the dry run prints exactly the expected JSON of DOMAIN §9; a broken plan writes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assignments.models import Assignment
from plans.models import Plan
from plans.tests.conftest import FIXTURES

SAMPLES = [
    ("ke-hoach-cchc-phuong-2027", "docx"),
    ("ke-hoach-cchc-phuong-2027", "xlsx"),
    ("ke-hoach-chi-so-cchc-tinh-2027", "xlsx"),
    ("ke-hoach-kiem-soat-tthc-phuong-2027", "csv"),
    ("ke-hoach-cntt-phuong-2027", "docx"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("stem", "ext"), SAMPLES)
def test_dry_run_prints_the_expected_json(stem, ext):
    out = StringIO()
    call_command(
        "import_plan",
        str(FIXTURES / f"{stem}.{ext}"),
        "--kind",
        "cchc",
        "--year",
        "2027",
        "--dry-run",
        "--format",
        "json",
        stdout=out,
    )
    expected = (FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8")
    assert json.loads(out.getvalue()) == json.loads(expected)
    assert out.getvalue().strip() == expected.strip()
    assert not Plan.objects.exists()


def test_broken_plan_names_the_rows_and_writes_nothing(ward, tmp_path):
    path = tmp_path / "loi.csv"
    path.write_text(
        "KẾ HOẠCH THỬ\n"
        "STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\n"
        "1,Việc đúng,Phòng Văn hóa - Xã hội,Quý I/2027\n"
        "2,Việc sai đơn vị,Phòng Không Tồn Tại,Quý I/2027\n"
        "3,Việc sai ngày,Phòng Văn hóa - Xã hội,31/02/2027\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_plan",
            str(path),
            "--kind",
            "cchc",
            "--year",
            "2027",
            "--unit",
            "AB",
            "--user",
            "ward_leader",
            "--date",
            "05/01/2027",
            stderr=err,
        )
    assert "Dòng 4" in err.getvalue() and "Phòng Không Tồn Tại" in err.getvalue()
    assert "Dòng 5" in err.getvalue() and "31/02/2027" in err.getvalue()
    assert not Plan.objects.exists() and not Assignment.objects.exists()


def test_real_import(ward):
    out = StringIO()
    call_command(
        "import_plan",
        str(FIXTURES / "ke-hoach-cntt-phuong-2027.docx"),
        "--kind",
        "cntt",
        "--year",
        "2027",
        "--unit",
        "AB",
        "--user",
        "ward_leader",
        stdout=out,
    )
    plan = Plan.objects.get()
    assert (plan.kind.code, plan.number) == ("cntt", "12/KH-UBND")
    assert plan.sections.filter(level=2).count() == 2
    assert plan.sections.get(title="1. Trang thiết bị").parent.title == "I. HẠ TẦNG KỸ THUẬT"
    assert "20 nhiệm vụ" in out.getvalue()


@pytest.mark.django_db
def test_unknown_kind_is_refused():
    with pytest.raises(CommandError, match="cchc"):
        call_command("import_plan", str(FIXTURES / "ke-hoach-cchc-phuong-2027.xlsx"), "--kind", "x", "--year", "2027")
