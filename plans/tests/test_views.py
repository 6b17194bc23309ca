"""Plan pages: upload → preview → confirm, the plan page, exports, the register and its reminder."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments.models import Notification
from plans import services
from plans.models import Plan
from plans.tests.conftest import SAMPLE_DOCX


def _upload(client, ward, cchc, content=None, name=None, **extra):
    data = {
        "file": SimpleUploadedFile(name or SAMPLE_DOCX.name, content or SAMPLE_DOCX.read_bytes()),
        "kind": cchc.pk,
        "year": 2027,
        "issuing_unit": ward.an_binh.pk,
        **extra,
    }
    return client.post(reverse("plans:plan_import"), data)


def test_upload_preview_confirm(client, ward, cchc):
    client.force_login(ward.leader)
    response = _upload(client, ward, cchc)
    page = response.content.decode()
    assert response.status_code == 200
    assert "8 nhiệm vụ" in page and "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in page
    assert "✗ Trưởng các khu phố" in page  # an unmatched coordinator is shown, not an error
    assert "31/03/2027" in page
    assert not Plan.objects.exists()  # the preview writes nothing
    token = response.context["token"]
    response = client.post(
        reverse("plans:plan_import"),
        {"token": token, "filename": SAMPLE_DOCX.name, "kind": cchc.pk, "year": 2027, "issuing_unit": ward.an_binh.pk},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.activities.count() == 8


def test_preview_names_bad_rows_and_offers_no_confirmation(client, ward, cchc):
    client.force_login(ward.leader)
    csv = "Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\nViệc một,Phòng Văn hoá Xã hôi ABC,Trước ngày 31/02/2027\n"
    response = _upload(client, ward, cchc, content=csv.encode(), name="kh.csv", date="05/01/2027")
    page = response.content.decode()
    assert "Dòng 2" in page and "31/02/2027" in page
    assert "token" not in response.context


def test_unreadable_file_gets_a_message(client, ward, cchc):
    client.force_login(ward.leader)
    response = _upload(client, ward, cchc, content=b"%PDF-1.4", name="kh.pdf")
    assert response.status_code == 200
    assert "chỉ nhận .docx, .xlsx hoặc .csv" in response.content.decode()


def test_officer_cannot_import(client, ward):
    client.force_login(ward.officer)
    assert client.get(reverse("plans:plan_import")).status_code == 403


def _plan(ward, cchc):
    return services.plan_import(
        source=SAMPLE_DOCX.read_bytes(),
        filename=SAMPLE_DOCX.name,
        kind=cchc,
        year=2027,
        issuing_unit=ward.an_binh,
        created_by=ward.leader,
    ).plan


def test_plan_page_bars_and_exports(client, ward, cchc, django_assert_max_num_queries):
    plan = _plan(ward, cchc)
    client.force_login(ward.officer)
    with django_assert_max_num_queries(25):
        page = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="bars-sections"' in page and 'id="bars-units"' in page
    assert "style=" not in page.split("<main", 1)[1]
    xlsx = client.get(reverse("plans:plan_export", args=[plan.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    docx = client.get(reverse("plans:plan_export", args=[plan.pk, "docx"]))
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text and "Kế hoạch CCHC năm" in text
    assert client.get(reverse("plans:plan_file", args=[plan.pk])).status_code == 200
    assert client.get(f"/ke-hoach/{plan.pk}/xuat.pdf").status_code == 404


def test_outsider_gets_404(client, ward, cchc):
    plan = _plan(ward, cchc)
    client.force_login(ward.td_officer)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:plan_file", args=[plan.pk])).status_code == 404
    assert client.get("/ke-hoach/abc/").status_code == 404


def test_list_filter_is_validated(client, ward, cchc):
    _plan(ward, cchc)
    client.force_login(ward.leader)
    assert client.get(reverse("plans:plan_list"), {"year": "abc", "kind": "x"}).status_code == 200
    assert "05/KH-UBND" in client.get(reverse("plans:plan_list"), {"year": "2027"}).content.decode()


def test_register_page_and_reminder(client, ward, cchc):
    client.force_login(ward.focal)
    response = client.post(
        reverse("plans:requirement_create"),
        {
            "kind": cchc.pk,
            "year": 2027,
            "requiring_unit": ward.province.pk,
            "group": ward.wards.pk,
            "due_date": "15/01/2027",
        },
    )
    assert response.status_code == 302
    _plan(ward, cchc)
    page = client.get(response.url).content.decode()
    assert "UBND phường Tân Định" in page and "Chưa ban hành" in page and "05/KH-UBND" in page
    client.post(response.url + "nhac/")
    assert Notification.objects.filter(recipient=ward.td_officer).exists()
    # The unit registers its own plan with the form on the same page.
    client.force_login(ward.td_officer)
    client.post(
        response.url,
        {
            "issuing_unit": ward.tan_dinh.pk,
            "number": "07/KH-UBND",
            "date": "10/01/2027",
            "file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4 test"),
        },
    )
    plan = Plan.objects.get(issuing_unit=ward.tan_dinh)
    assert (plan.number, plan.date) == ("07/KH-UBND", dt.date(2027, 1, 10))
