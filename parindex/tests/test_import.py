import io

import pytest
from django.core.management import CommandError, call_command

from core.tabular import ImportFailed
from parindex.models import CriteriaSet, Criterion
from parindex.services import criteria_import, criteria_set_copy
from parindex.tests.conftest import SAMPLE


def test_sample_set_imports_with_summary(db):
    out = io.StringIO()
    call_command("import_criteria", str(SAMPLE), "--year", "2026", "--name", "Bộ chỉ số xã 2026", stdout=out)
    line = out.getvalue().strip()
    assert line.count("\n") == 0
    assert "39 tiêu chí" in line and "tổng điểm tối đa 100" in line and "điểm điều tra XHH 30" in line
    assert Criterion.objects.get(code="1.1.1").parent.code == "1.1"


def test_reimport_is_idempotent(criteria_set):
    _again, summary = criteria_import(source=SAMPLE, year=2026, name="Bộ chỉ số xã 2026")
    assert summary.count == 39
    assert CriteriaSet.objects.count() == 1 and Criterion.objects.count() == 39


def test_parent_not_sum_of_children_imports_nothing(db):
    broken = SAMPLE.read_text(encoding="utf-8").replace(
        "1.1,Kế hoạch cải cách hành chính năm,3", "1.1,Kế hoạch cải cách hành chính năm,4"
    )
    with pytest.raises(ImportFailed) as exc:
        criteria_import(source=io.BytesIO(broken.encode()), filename="x.csv", year=2026, name="Hỏng")
    texts = " ".join(str(e) for e in exc.value.errors)
    assert "mục 1.1 có điểm tối đa 4 nhưng tổng các mục con (1.1.1, 1.1.2) là 3" in texts
    assert "mục 1 " in texts  # its parent no longer sums either
    assert CriteriaSet.objects.count() == 0 and Criterion.objects.count() == 0


def test_command_exits_non_zero_and_names_the_code(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Mã,Nội dung,Điểm tối đa\n1,A,60\n1.1,B,50\n2,C,40\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_criteria", str(path), "--year", "2026", "--name", "X", stderr=io.StringIO())


def test_missing_parent_and_bad_codes(db):
    data = "Mã,Nội dung,Điểm tối đa\n1,A,100\n2.1,B,0\nx.1,C,0\n".encode()
    with pytest.raises(ImportFailed) as exc:
        criteria_import(source=io.BytesIO(data), filename="x.csv", year=2026, name="X")
    texts = [str(e) for e in exc.value.errors]
    assert "Dòng 3, cột «Mã»: không có mục cha 2" in texts
    assert any(t.startswith("Dòng 4, cột «Mã»: mã không hợp lệ") for t in texts)


def test_copy_to_next_year(criteria_set):
    copy = criteria_set_copy(source=criteria_set, year=2027, name="Bộ chỉ số xã 2027")
    assert copy.criteria.count() == 39
    assert copy.criteria.get(code="7.2.1").parent.code == "7.2"
    assert copy.criteria.get(code="7.2.1").parent.criteria_set == copy
