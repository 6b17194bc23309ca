import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments.models import Assignment
from quality.models import QualityDocument, QualitySystem

HEADER = "Đơn vị,Mã quy trình,Tên quy trình,Lần ban hành,Ngày ban hành,Mã TTHC\n"


def _flagged_pair(org, catalogue, make_system):
    a = make_system(org.a, documents=[("QT-01", dt.date(2026, 2, 1), ["P1"])])
    b = make_system(org.b, documents=[("QT-02", dt.date(2026, 2, 1), ["P2"])])
    ok = make_system(org.c, documents=[("QT-03", dt.date(2026, 2, 1), ["P3"])])
    catalogue("P1,Khai sinh,Hộ tịch,Xã,Toàn trình,1,\nP2,Kết hôn,Hộ tịch,Xã,Một phần,5,Bãi bỏ\n", dt.date(2026, 7, 1))
    return a, b, ok


def test_overview_shows_flags_and_turns_chosen_units_into_assignments(
    client, org, procedures, catalogue, make_system, leader_root
):
    a, b, ok = _flagged_pair(org, catalogue, make_system)
    client.force_login(leader_root)
    page = client.get(reverse("quality:overview")).content.decode()
    assert page.count('class="flagged"') == 2
    response = client.post(reverse("quality:overview"), {"systems": [a.pk, b.pk, ok.pk], "deadline": "30/11/2026"})
    assert response.status_code == 302
    created = Assignment.objects.order_by("lead_unit__code")
    assert [x.lead_unit for x in created] == [org.a, org.b]  # the unflagged unit gets nothing
    assert "QT-01" in created[0].content and "P1" in created[0].content
    assert created[0].deadline == dt.date(2026, 11, 30)


def test_an_officer_cannot_assign_and_an_outsider_sees_nothing(
    client, org, procedures, catalogue, make_system, officer_a, outsider
):
    a, b, _ok = _flagged_pair(org, catalogue, make_system)
    client.force_login(officer_a)
    client.post(reverse("quality:overview"), {"systems": [a.pk], "deadline": ""})
    assert Assignment.objects.count() == 0
    assert client.get(reverse("quality:system", args=[b.pk])).status_code == 404
    client.force_login(outsider)
    assert f"system-{a.pk}" not in client.get(reverse("quality:overview")).content.decode()
    assert client.get(reverse("quality:system", args=[a.pk])).status_code == 404
    assert client.get("/iso/he-thong/x/").status_code == 404


def test_uploading_the_reissued_document_clears_its_flag(
    client, org, procedures, catalogue, make_system, officer_a, officer_b
):
    a, _b, _ok = _flagged_pair(org, catalogue, make_system)
    document = QualityDocument.objects.get(code="QT-01")
    client.force_login(officer_a)
    assert "TTHC P1 thay đổi" in client.get(reverse("quality:system", args=[a.pk])).content.decode()
    upload = SimpleUploadedFile("qt-01.pdf", b"%PDF-1.4 quy trinh", content_type="application/pdf")
    client.post(
        reverse("quality:system", args=[a.pk]),
        {
            "action": "update_document",
            "document": document.pk,
            "version": "02",
            "issued_on": "15/07/2026",
            "file": upload,
        },
    )
    document.refresh_from_db()
    assert document.version == "02" and document.file
    assert "TTHC P1 thay đổi" not in client.get(reverse("quality:system", args=[a.pk])).content.decode()
    download = client.get(reverse("quality:file", args=["quy-trinh", document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 quy trinh"
    assert client.get(reverse("quality:file", args=["cong-bo", a.pk])).status_code == 404  # no file
    assert client.get(reverse("quality:file", args=["khac", a.pk])).status_code == 404
    client.force_login(officer_b)
    assert client.get(reverse("quality:file", args=["quy-trinh", document.pk])).status_code == 404


def test_import_page_previews_errors_then_imports(client, org, procedures, officer_a):
    client.force_login(officer_a)
    bad = SimpleUploadedFile("ds.csv", (HEADER + "Phòng Nội vụ,QT-01,Khai sinh,01,99/99/2026,P1\n").encode())
    page = client.post(reverse("quality:import"), {"file": bad}).content.decode()
    assert "Dòng 2, cột «Ngày ban hành»" in page and QualityDocument.objects.count() == 0
    good = SimpleUploadedFile("ds.csv", (HEADER + "Phòng Nội vụ,QT-01,Khai sinh,01,01/02/2026,P1\n").encode())
    response = client.post(reverse("quality:import"), {"file": good})
    token = response.context["token"]
    assert QualityDocument.objects.count() == 0  # the preview writes nothing
    client.post(reverse("quality:import"), {"token": token, "filename": "ds.csv"})
    assert QualityDocument.objects.get().code == "QT-01"


def test_overview_exports_xlsx(client, org, procedures, catalogue, make_system, leader_root):
    _flagged_pair(org, catalogue, make_system)
    client.force_login(leader_root)
    response = client.get(reverse("quality:overview"), {"export": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_api_overview_followups_and_reissue(client, org, procedures, catalogue, make_system, leader_root, outsider):
    a, b, _ok = _flagged_pair(org, catalogue, make_system)
    client.force_login(leader_root)
    rows = client.get("/api/v1/quality/systems/overview/").json()
    flagged = {r["unit_name"]: r for r in rows if r["flags"]}
    assert set(flagged) == {"Phòng Nội vụ", "Phòng Tư pháp"}
    assert flagged["Phòng Tư pháp"]["outdated_documents"][0]["abolished"] == ["P2"]
    response = client.post(
        "/api/v1/quality/systems/followups/",
        {"systems": [a.pk], "deadline": "2026-12-01"},
        content_type="application/json",
    )
    assert response.status_code == 201 and len(response.json()["assignments"]) == 1
    assert (
        client.post("/api/v1/quality/systems/followups/", {"systems": "x"}, content_type="application/json").status_code
        == 400
    )
    document = QualityDocument.objects.get(code="QT-01")
    response = client.post(
        f"/api/v1/quality/documents/{document.pk}/reissue/", {"version": "02", "issued_on": "2026-07-20"}
    )
    assert response.status_code == 200
    rows = client.get("/api/v1/quality/systems/overview/").json()
    assert not next(r for r in rows if r["unit_name"] == "Phòng Nội vụ")["flags"]
    client.force_login(outsider)
    assert client.get(f"/api/v1/quality/documents/{document.pk}/").status_code == 404


def test_declaring_a_system_with_scope_and_announcement(client, org, procedures, officer_a, outsider):
    client.force_login(officer_a)
    page = client.get(reverse("quality:overview")).content.decode()
    assert reverse("quality:settings", args=[org.a.pk]) in page  # listed as undeclared
    response = client.post(
        reverse("quality:settings", args=[org.a.pk]),
        {"scope_codes": "P1; P2\nP9", "announcement_number": "5/QĐ", "announcement_date": "01/03/2026"},
    )
    assert response.status_code == 200 and "P9" in response.content.decode()  # unknown code: nothing saved
    assert not QualitySystem.objects.exists()
    client.post(
        reverse("quality:settings", args=[org.a.pk]),
        {"scope_codes": "P1; P2", "announcement_number": "5/QĐ", "announcement_date": "01/03/2026"},
    )
    system = QualitySystem.objects.get(unit=org.a)
    assert sorted(system.scope.values_list("code", flat=True)) == ["P1", "P2"]
    assert client.post(reverse("quality:settings", args=[org.b.pk]), {}).status_code == 404  # not in view scope
    client.force_login(outsider)
    assert client.get(reverse("quality:settings", args=[org.a.pk])).status_code == 404


def test_a_corrective_action_becomes_an_assignment_and_legal_updates_are_logged(
    client, org, procedures, make_system, officer_a
):
    system = make_system(org.a)
    review = system.reviews.first()
    client.force_login(officer_a)
    url = reverse("quality:system", args=[system.pk])
    client.post(
        url,
        {
            "action": "add_action",
            "review": review.pk,
            "content": "Sửa quy trình lưu hồ sơ",
            "lead_unit": org.a.pk,
            "deadline": "15/12/2026",
        },
    )
    assignment = Assignment.objects.get()
    assert assignment.lead_unit == org.a and assignment.deadline == dt.date(2026, 12, 15)
    assert review.actions.get().assignment == assignment
    # Another unit as owner is refused for an officer; garbage never reaches a 500.
    client.post(url, {"action": "add_action", "review": review.pk, "content": "X", "lead_unit": org.b.pk})
    client.post(url, {"action": "add_action", "review": "abc", "content": "X", "lead_unit": "x"})
    client.post(url, {"action": "update_document", "document": "x", "version": "", "issued_on": "hôm qua"})
    assert Assignment.objects.count() == 1
    client.post(
        url,
        {
            "action": "add_legal_update",
            "document_number": "118/2025/NĐ-CP",
            "summary": "Một cửa",
            "noted_on": "10/07/2025",
        },
    )
    assert "118/2025/NĐ-CP" in client.get(url).content.decode()


def test_undeclared_units_link_to_the_declaration_only_where_the_user_may_declare(client, org, viewer_c, officer_a):
    # A viewer sees the undeclared units but may not declare: a link there was a dead end (403).
    client.force_login(viewer_c)
    page = client.get(reverse("quality:overview")).content.decode()
    assert org.c.short_name in page
    assert reverse("quality:settings", args=[org.c.pk]) not in page
    assert client.get(reverse("quality:settings", args=[org.c.pk])).status_code == 403
    client.force_login(officer_a)
    assert reverse("quality:settings", args=[org.a.pk]) in client.get(reverse("quality:overview")).content.decode()


def test_ids_that_only_look_like_digits_are_refused_not_a_500(
    client, org, procedures, catalogue, make_system, leader_root
):
    a, _b, _ok = _flagged_pair(org, catalogue, make_system)
    client.force_login(leader_root)
    # "²".isdigit() is true but int("²") fails.
    response = client.post(reverse("quality:overview"), {"systems": ["²", str(a.pk) + "²"], "deadline": ""})
    assert response.status_code == 302 and Assignment.objects.count() == 0
    detail = client.post(
        reverse("quality:system", args=[a.pk]),
        {"action": "update_document", "document": "²", "version": "2", "issued_on": "01/03/2026"},
    )
    assert detail.status_code == 404
