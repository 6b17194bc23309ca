import io
import json

import pytest
from django.core.management import call_command

from core.tabular import ImportFailed
from onestop.models import Dossier, Procedure
from onestop.services import dossiers_import, procedures_import
from onestop.tests.conftest import FIXTURES, TEST_FIXTURES

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def test_sample_gives_the_expected_figures(sample_units):
    call_command("import_procedures", str(FIXTURES / "thu-tuc.csv"), stdout=io.StringIO())
    call_command("import_dossiers", str(FIXTURES / "ho-so.csv"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("kpi", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    expected = json.loads((TEST_FIXTURES / "expected-kpi.json").read_text(encoding="utf-8"))
    assert figures["total"] == expected["total"]
    assert figures["units"] == expected["units"]
    assert figures["period"] == expected["period"]


def test_importing_twice_changes_nothing(sample_units):
    procedures_import(source=FIXTURES / "thu-tuc.csv")
    first = dossiers_import(source=FIXTURES / "ho-so.csv")
    snapshot = list(Dossier.objects.order_by("code").values())
    again = dossiers_import(source=FIXTURES / "ho-so.csv")
    assert (first.created, again.created, again.updated, again.unchanged) == (2000, 0, 0, 2000)
    assert list(Dossier.objects.order_by("code").values()) == snapshot
    assert procedures_import(source=FIXTURES / "thu-tuc.csv").unchanged == 40


def test_one_bad_date_imports_nothing_and_names_the_row(sample_units, make_procedure):
    make_procedure("P1")
    data = HEADER + (
        "H1,P1,UBND xã Tân Phú,Trực tuyến,01/07/2026,05/07/2026,,Không\n"
        "H2,P1,UBND xã Tân Phú,Trực tuyến,31/06/2026,05/07/2026,,Không\n"
    )
    with pytest.raises(ImportFailed) as exc:
        dossiers_import(source=_csv(data), filename="h.csv")
    assert [str(e) for e in exc.value.errors] == [
        "Dòng 3, cột «Ngày tiếp nhận»: ngày không hợp lệ «31/06/2026» (cần dd/mm/yyyy)"
    ]
    assert Dossier.objects.count() == 0


def test_bad_date_after_many_written_batches_still_writes_nothing(sample_units, make_procedure):
    make_procedure("P1")
    rows = "".join(f"H{i},P1,UBND xã Tân Phú,Trực tiếp,01/07/2026,05/07/2026,,Không\n" for i in range(30))
    data = HEADER + rows + "HX,P1,UBND xã Tân Phú,Trực tiếp,01/13/2026,05/07/2026,,Không\n"
    with pytest.raises(ImportFailed):
        dossiers_import(source=_csv(data), filename="h.csv", batch_size=7)
    assert Dossier.objects.count() == 0


def test_unknown_units_and_procedures_are_listed_with_suggestions(sample_units, make_procedure):
    make_procedure("P1")
    data = HEADER + (
        "H1,P1,UBND xa Tan Phu,Trực tuyến,01/07/2026,05/07/2026,,Không\n"
        "H2,P9,UBND xã Tân Phúc,Trực tuyến,01/07/2026,05/07/2026,,Không\n"
        "H3,P1,UBND xã Tân Phúc,Qua mạng,01/07/2026,05/07/2026,,Có lẽ\n"
    )
    with pytest.raises(ImportFailed) as exc:
        dossiers_import(source=_csv(data), filename="h.csv")
    texts = [str(e) for e in exc.value.errors]
    assert "Dòng 3, cột «Mã TTHC»: không có TTHC mã «P9» trong danh mục (dòng 3)" in texts
    assert any("không tìm thấy đơn vị «UBND xã Tân Phúc» (dòng 3, 4); có phải: UBND xã Tân Phú" in t for t in texts)
    assert any(t.startswith("Dòng 4, cột «Kênh nộp»") for t in texts)
    assert any(t.startswith("Dòng 4, cột «Trả kết quả qua BCCI»") for t in texts)
    # "UBND xa Tan Phu" (no diacritics) matched: no error for row 2
    assert not any(t.startswith("Dòng 2") for t in texts)


def test_update_of_an_imported_dossier(sample_units, make_procedure):
    make_procedure("P1")
    dossiers_import(
        source=_csv(HEADER + "H1,P1,UBND xã Tân Phú,Trực tuyến,01/07/2026,05/07/2026,,Không\n"), filename="h.csv"
    )
    summary = dossiers_import(
        source=_csv(HEADER + "H1,P1,UBND xã Tân Phú,Trực tuyến,01/07/2026,05/07/2026,04/07/2026 16:30,Có\n"),
        filename="h.csv",
    )
    assert (summary.created, summary.updated) == (0, 1)
    dossier = Dossier.objects.get()
    assert str(dossier.completed_on) == "2026-07-04"
    assert dossier.postal_return is True


def test_deciding_unit_is_stored(sample_units, make_procedure):
    make_procedure("P1")
    data = (HEADER.strip() + ",Đơn vị giải quyết\n") + (
        "H1,P1,UBND xã Tân Phú,Trực tiếp,01/07/2026,05/07/2026,,Không,UBND huyện Châu Thành\n"
    )
    dossiers_import(source=_csv(data), filename="h.csv")
    assert Dossier.objects.get().deciding_unit.short_name == "UBND huyện Châu Thành"


def test_xlsx_import(sample_units, make_procedure):
    from openpyxl import Workbook

    make_procedure("P1")
    wb = Workbook()
    wb.active.append(HEADER.strip().split(","))
    wb.active.append(["H1", "P1", "UBND xã Tân Phú", "Trực tuyến", "01/07/2026", "05/07/2026", None, "Không"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    assert dossiers_import(source=buffer, filename="h.xlsx").created == 1


def test_procedure_levels_in_every_accepted_form(db):
    data = "Mã TTHC,Tên TTHC,Mức độ DVC\n" + "".join(
        f"C{i},Tên,{value}\n"
        for i, value in enumerate(["1", "4", "Mức độ 3", "mức độ 2", "Một phần", "Toàn trình", "Không", "TOAN TRINH"])
    )
    procedures_import(source=_csv(data), filename="p.csv")
    online = set(Procedure.objects.filter(service_level__online_capable=True).values_list("code", flat=True))
    assert online == {"C1", "C2", "C4", "C5", "C7"}


def test_procedure_import_names_bad_level(db):
    with pytest.raises(ImportFailed) as exc:
        procedures_import(source=_csv("Mã TTHC,Tên TTHC,Mức độ DVC\nC1,Tên,Mức độ 5\n"), filename="p.csv")
    assert str(exc.value.errors[0]) == "Dòng 2, cột «Mức độ DVC»: mức độ không hợp lệ «Mức độ 5»"


def test_summary_groups_thousands_the_vietnamese_way():
    from django.utils import translation

    from onestop.services import ImportSummary

    summary = ImportSummary(rows=1_234_567, created=1_000_000, updated=234_567)
    assert str(summary) == "1.234.567 dòng: 1.000.000 tạo mới, 234.567 cập nhật, 0 không đổi"
    with translation.override("en"):
        assert str(summary).startswith("1,234,567 rows")
