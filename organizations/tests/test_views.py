import io

from auditlog.models import LogEntry
from django.urls import reverse

from organizations.models import Unit


def test_unit_tree_page_lists_tree(client, org, officer_a, django_assert_max_num_queries):
    client.force_login(officer_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organizations:unit_list"))
    body = response.content.decode()
    assert "UBND huyện Thử" in body and "UBND xã Tân Phú" in body
    assert "huyện Khác" not in body


def test_unit_search_without_diacritics(client, org, officer_a):
    from organizations.services import unit_set_aliases

    unit_set_aliases(unit=org.c, names=["Xã Tân Phú"])
    client.force_login(officer_a)
    body = client.get(reverse("organizations:unit_list"), {"q": "tan phu"}).content.decode()
    assert "UBND xã Tân Phú" in body
    assert "Phòng Tư pháp" not in body


def test_admin_edits_unit_and_audit_trail_shows_it(client, org, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("organizations:unit_edit", args=[org.a.pk]),
        {
            "code": "A",
            "short_name": "Phòng Nội vụ huyện",
            "kind": "agency",
            "parent": org.root.pk,
            "active_from": "01/07/2025",
            "aliases_text": "PNV",
        },
    )
    assert response.status_code == 302
    org.a.refresh_from_db()
    assert str(org.a.active_from) == "2025-07-01"
    entry = LogEntry.objects.get_for_object(org.a).first()
    assert entry.actor == admin_user
    assert "short_name" in entry.changes_dict
    page = client.get(org.a.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in page and "Phòng Nội vụ huyện" in page and "01/07/2025" in page


def test_import_page_shows_row_errors(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO("Mã đơn vị,Tên ngắn,Loại\nA,,agency\n".encode())
    upload.name = "units.csv"
    body = client.post(reverse("organizations:unit_import"), {"file": upload}).content.decode()
    assert "Dòng 2, cột «Tên ngắn»: không được để trống" in body
    assert Unit.objects.count() == 0


def test_export_xlsx_reopens(client, org, admin_user):
    from openpyxl import load_workbook

    client.force_login(admin_user)
    response = client.get(reverse("organizations:unit_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "UBND xã Tân Phú" in values and "Mã đơn vị" in values


def test_english_is_available(client, org, officer_a):
    client.force_login(officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("organizations:unit_list")).content.decode()
    assert "Unit tree" in body


def test_vietnamese_by_default_even_for_english_browsers(client, org, officer_a):
    client.force_login(officer_a)
    body = client.get(reverse("organizations:unit_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Cây đơn vị" in body


def test_import_page_previews_then_imports(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO("Mã đơn vị,Tên ngắn,Loại\nN1,UBND xã Mới,commune\n".encode())
    upload.name = "units.csv"
    response = client.post(reverse("organizations:unit_import"), {"file": upload})
    assert "1 tạo mới" in response.content.decode()
    assert not Unit.objects.exists()  # the preview writes nothing
    client.post(reverse("organizations:unit_import"), {"token": response.context["token"], "filename": "units.csv"})
    assert Unit.objects.get().short_name == "UBND xã Mới"
