import datetime as dt

import pytest

from onestop.models import Procedure
from quality.choices import Flag
from quality.models import QualityRule
from quality.selectors import system_state

ON = dt.date(2026, 9, 1)


def _flagged_documents(system):
    return {d.document.code for d in system_state(system=system, on=ON).outdated_documents}


def test_reimport_with_changed_content_flags_exactly_the_documents_that_implement_it(
    org, procedures, catalogue, make_system
):
    a = make_system(
        org.a, documents=[("QT-01", dt.date(2026, 2, 1), ["P1"]), ("QT-02", dt.date(2026, 2, 1), ["P2", "P3"])]
    )
    c = make_system(org.c, documents=[("QT-05", dt.date(2026, 2, 1), ["P1", "P3"])])
    assert _flagged_documents(a) == set() and _flagged_documents(c) == set()

    # P1's processing days change; P2 and P3 are re-imported unchanged.
    summary = catalogue(
        "P1,Đăng ký khai sinh,Hộ tịch,Xã,Toàn trình,2,\n"
        "P2,Đăng ký kết hôn,Hộ tịch,Xã,Một phần,5,\n"
        "P3,Chứng thực bản sao,Chứng thực,Xã,Mức độ 2,1,\n",
        dt.date(2026, 7, 1),
    )
    assert (summary.updated, summary.unchanged) == (1, 2)
    assert Procedure.objects.get(code="P1").content_changed_on == dt.date(2026, 7, 1)
    assert Procedure.objects.get(code="P2").content_changed_on is None

    assert _flagged_documents(a) == {"QT-01"}
    assert _flagged_documents(c) == {"QT-05"}
    state = system_state(system=a, on=ON)
    assert [p.code for p in state.outdated_documents[0].changed] == ["P1"]
    assert Flag.PROCEDURE_CHANGED in state.flags


def test_a_document_issued_after_the_change_is_not_flagged(org, procedures, catalogue, make_system):
    catalogue("P1,Đăng ký khai sinh (sửa đổi),Hộ tịch,Xã,Toàn trình,3,\n", dt.date(2026, 3, 1))
    system = make_system(org.a, documents=[("QT-01", dt.date(2026, 3, 15), ["P1"])])
    assert _flagged_documents(system) == set()


def test_an_unchanged_reimport_records_no_change(org, procedures, catalogue):
    catalogue("P1,Đăng ký khai sinh,Hộ tịch,Xã,Toàn trình,3,\n", dt.date(2026, 8, 1))
    assert Procedure.objects.get(code="P1").content_changed_on is None


def test_an_abolished_procedure_flags_its_documents(org, procedures, catalogue, make_system):
    system = make_system(
        org.a, documents=[("QT-01", dt.date(2026, 2, 1), ["P1"]), ("QT-03", dt.date(2026, 2, 1), ["P3"])]
    )
    catalogue("P3,Chứng thực bản sao,Chứng thực,Xã,Mức độ 2,1,Bãi bỏ\n", dt.date(2026, 8, 1))
    p3 = Procedure.objects.get(code="P3")
    assert p3.abolished_on == dt.date(2026, 8, 1) and p3.content_changed_on is None
    state = system_state(system=system, on=ON)
    assert {d.document.code: d.flags for d in state.outdated_documents} == {"QT-03": [Flag.PROCEDURE_ABOLISHED]}


def test_an_online_procedure_in_scope_without_a_document_is_missing(org, procedures, make_system):
    system = make_system(org.a, scope=["P1", "P2", "P3"], documents=[("QT-01", dt.date(2026, 2, 1), ["P1"])])
    state = system_state(system=system, on=ON)
    assert [p.code for p in state.missing] == ["P2"]  # P3 is level 2: not online-capable
    assert Flag.MISSING_DOCUMENT in state.flags and state.to_update == 1


def test_a_unit_is_flagged_when_its_last_review_is_too_old_or_the_announcement_is_missing(org, procedures, make_system):
    fresh = make_system(org.a, reviewed_on=dt.date(2026, 1, 5))
    old = make_system(org.b, reviewed_on=dt.date(2025, 8, 31))
    unannounced = make_system(org.c, announced=False)
    assert system_state(system=fresh, on=ON).flags == []
    assert system_state(system=old, on=ON).flags == [Flag.AUDIT_OVERDUE]
    assert system_state(system=unannounced, on=ON).flags == [Flag.NO_ANNOUNCEMENT]


def test_the_review_interval_is_data(org, procedures, make_system):
    system = make_system(org.a, reviewed_on=dt.date(2026, 1, 5))
    QualityRule.objects.create(effective_from=dt.date(2026, 1, 1), audit_max_months=6, legal_basis="Quy định của tỉnh")
    assert system_state(system=system, on=ON).flags == [Flag.AUDIT_OVERDUE]


@pytest.mark.django_db
def test_a_unit_sharing_a_system_takes_the_hosts_documents_and_flags(org, procedures, catalogue, make_system):
    host = make_system(org.root, documents=[("QT-01", dt.date(2026, 2, 1), ["P1"])])
    guest = make_system(org.c, announced=False, reviewed_on=None)
    guest.host = host
    guest.save()
    catalogue("P1,Đăng ký khai sinh,Hộ tịch,Xã,Toàn trình,1,\n", dt.date(2026, 7, 1))
    state = system_state(system=guest, on=ON)
    assert [d.document.code for d in state.outdated_documents] == ["QT-01"]
    assert state.flags == [Flag.PROCEDURE_CHANGED]


def test_a_catalogue_without_the_state_column_leaves_abolition_as_it_was(org, procedures, catalogue, tmp_path):
    from onestop.services import procedures_import

    catalogue("P3,Chứng thực bản sao,Chứng thực,Xã,Mức độ 2,1,Bãi bỏ\n", dt.date(2026, 8, 1))
    path = tmp_path / "khong-cot-tinh-trang.csv"
    path.write_text("Mã TTHC,Tên TTHC,Mức độ DVC\nP3,Chứng thực bản sao,Mức độ 2\n", encoding="utf-8")
    procedures_import(source=path, on=dt.date(2026, 9, 1))
    p3 = Procedure.objects.get(code="P3")
    assert p3.abolished_on == dt.date(2026, 8, 1)
    # Restored by a file that says so.
    catalogue("P3,Chứng thực bản sao,Chứng thực,Xã,Mức độ 2,1,Còn hiệu lực\n", dt.date(2026, 10, 1))
    assert Procedure.objects.get(code="P3").abolished_on is None
