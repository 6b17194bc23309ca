import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments import services
from assignments.choices import ReviewState
from assignments.models import Assignment, Attachment, Directive, DirectiveItem, ProgressReport

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _notice(deadline: dt.date) -> str:
    return (
        "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện\n\n"
        f"1. Giao Phòng Nội vụ: Chủ trì rà soát cải cách hành chính; hoàn thành trước ngày {deadline:%d/%m/%Y}.\n"
        "2. Giao Phòng Tư pháp: Kiểm soát thủ tục hành chính.\n"
    )


# --- Directive flow ---------------------------------------------------------------------------


def _new(client, org, text, **extra):
    data = {"issuing_unit": org.root.pk, "number": "15/TB-UBND", "date": "01/10/2026", "text": text, **extra}
    return client.post(reverse("assignments:directive_new"), data)


def _review_data(directive, items, action):
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "action": action,
    }
    for number, item in enumerate(items):
        for key, value in item.items():
            data[f"items-{number}-{key}"] = value
    return data


def _items_of(directive):
    return [
        {
            "kind": i.kind,
            "recipients": i.recipients_text,
            "coordinators": i.coordinators_text,
            "deadline": i.deadline.strftime("%d/%m/%Y") if i.deadline else "",
            "content": i.content,
        }
        for i in directive.items.all()
    ]


def test_paste_review_fix_and_issue(client, org, focal_point, today):
    _login(client, focal_point)
    response = _new(client, org, _notice(today + dt.timedelta(days=30)).replace("Phòng Tư pháp", "Phòng Tư pháb"))
    directive = Directive.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/van-ban/{directive.pk}/kiem-tra/")
    page = client.get(response.url).content.decode()
    assert "Phòng Tư pháb" in page and "unmatched" in page and "Phòng Tư pháp" in page  # the suggestion
    items = _items_of(directive)
    response = client.post(response.url, _review_data(directive, items, "issue"))
    assert "Không tìm thấy đơn vị «Phòng Tư pháb»" in response.content.decode()
    assert Assignment.objects.count() == 0
    items[1]["recipients"] = "Phòng Tư pháp"
    url = reverse("assignments:directive_review", args=[directive.pk])
    response = client.post(url, _review_data(directive, items, "issue"))
    # Issuing asks first, and says what it will create.
    assert "Ban hành 2 nhiệm vụ cho 2 đơn vị?" in response.content.decode()
    assert Assignment.objects.count() == 0
    response = client.post(url, {**_review_data(directive, items, "issue"), "confirmed": "1"})
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.status == "issued"
    assert sorted(Assignment.objects.values_list("lead_unit__short_name", flat=True)) == [
        "Phòng Nội vụ",
        "Phòng Tư pháp",
    ]
    assert client.get(directive.get_absolute_url()).status_code == 200


def test_upload_a_docx_notice(client, org, focal_point):
    from docx import Document

    document = Document()
    document.add_paragraph("THÔNG BÁO KẾT LUẬN")
    document.add_paragraph("Giao Phòng Nội vụ: Tổng hợp tài liệu kiểm chứng.")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("tb.docx", buffer.getvalue())
    _login(client, focal_point)
    response = _new(client, org, "", file=upload)
    assert response.status_code == 302
    assert DirectiveItem.objects.get().recipients == ["Phòng Nội vụ"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Văn bản trống"), ("Kính gửi các đơn vị.\n\nTrân trọng./.", "Không tìm thấy nội dung giao nhiệm vụ")],
    ids=["empty", "no-items"],
)
def test_bad_notice_gets_a_vietnamese_message_and_writes_nothing(client, org, focal_point, text, message):
    _login(client, focal_point)
    response = _new(client, org, text)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Directive.objects.exists()


def test_past_deadline_is_refused_on_issue(client, org, focal_point, today):
    _login(client, focal_point)
    _new(client, org, _notice(today + dt.timedelta(days=3)))
    directive = Directive.objects.get()
    items = _items_of(directive)
    items[0]["deadline"] = (today - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("assignments:directive_review", args=[directive.pk]), _review_data(directive, items, "issue")
    )
    assert "đã qua" in response.content.decode()
    assert not Assignment.objects.exists()
    assert Directive.objects.get().is_draft


def test_officers_cannot_enter_directives(client, org, officer_a):
    _login(client, officer_a)
    assert client.get(reverse("assignments:directive_new")).status_code == 403


def test_drafts_are_hidden_from_units(client, org, focal_point, officer_a, today):
    directive = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text=_notice(today + dt.timedelta(days=9))
    )
    _login(client, officer_a)
    assert client.get(reverse("assignments:directive_review", args=[directive.pk])).status_code == 404
    assert "15/TB" not in client.get(reverse("assignments:directive_list")).content.decode()


# --- Inbox ------------------------------------------------------------------------------------


def test_inbox_search_ignores_diacritics(client, make_assignment, officer_a):
    make_assignment(content="Đẩy mạnh cải cách hành chính")
    make_assignment(content="Số hóa hồ sơ")
    _login(client, officer_a)
    page = client.get(reverse("assignments:inbox"), {"q": "cai cach"}).content.decode()
    assert "cải cách hành chính" in page and "Số hóa" not in page


def test_inbox_filters_by_status_and_role(client, make_assignment, org, officer_b, today):
    make_assignment(org.b, content="Việc quá hạn", deadline=today - dt.timedelta(days=1))
    make_assignment(org.b, content="Việc trong hạn")
    make_assignment(org.a, content="Việc phối hợp", coordinators=[org.b])
    _login(client, officer_b)
    page = client.get(reverse("assignments:inbox"), {"status": "overdue"}).content.decode()
    assert "Việc quá hạn" in page and "Việc trong hạn" not in page
    page = client.get(reverse("assignments:inbox"), {"role": "coordinating"}).content.decode()
    assert "Việc phối hợp" in page and "Việc trong hạn" not in page


def test_inbox_query_count_does_not_grow_with_rows(client, make_assignment, focal_point, django_assert_max_num_queries):
    for number in range(30):
        make_assignment(content=f"Nhiệm vụ {number}")
    _login(client, focal_point)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("assignments:inbox"))
    assert response.content.decode().count("/nhiem-vu/") >= 30


def test_inbox_exports_xlsx(client, make_assignment, focal_point):
    from openpyxl import load_workbook

    make_assignment(content="Rà soát quy chế")
    _login(client, focal_point)
    response = client.get(reverse("assignments:inbox"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[2][1] == "Nội dung nhiệm vụ" and rows[3][1] == "Rà soát quy chế"


# --- Reporting and reviewing ------------------------------------------------------------------------


def test_unit_reports_and_focal_point_accepts(client, make_assignment, org, officer_a, focal_point):
    assignment = make_assignment()
    _login(client, officer_a)
    upload = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(
        reverse("assignments:assignment_report", args=[assignment.pk]),
        {"unit": org.a.pk, "text": "Đã rà soát xong", "percent": "100", "is_final": "on", "files": [upload]},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.review_state == ReviewState.SUBMITTED
    attachment = Attachment.objects.get()
    assert client.get(reverse("assignments:attachment_download", args=[attachment.pk])).status_code == 200
    # The unit cannot accept its own report.
    assert client.post(reverse("assignments:report_accept", args=[report.pk])).status_code == 404
    _login(client, focal_point)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "Chờ duyệt hoàn thành" in page and 'id="accept"' in page  # not "trong hạn" while awaiting approval
    client.post(reverse("assignments:report_accept", args=[report.pk]), {"note": "Tốt"})
    assert "Hoàn thành đúng hạn" in client.get(assignment.get_absolute_url()).content.decode()


def test_oversized_attachment_is_refused_with_a_message(client, make_assignment, org, officer_a, settings):
    settings.UPLOAD_MAX_MB = 1
    assignment = make_assignment()
    _login(client, officer_a)
    upload = SimpleUploadedFile("lon.pdf", b"x" * (1024 * 1024 + 10))
    response = client.post(
        reverse("assignments:assignment_report", args=[assignment.pk]),
        {"unit": org.a.pk, "text": "x", "percent": "10", "files": [upload]},
        follow=True,
    )
    assert "quá lớn (tối đa 1 MB)" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_extension_request_and_approval_through_the_pages(client, make_assignment, org, officer_a, focal_point, today):
    assignment = make_assignment(deadline=today + dt.timedelta(days=1))
    _login(client, officer_a)
    new_date = today + dt.timedelta(days=15)
    client.post(
        reverse("assignments:assignment_extension", args=[assignment.pk]),
        {"requested_deadline": new_date.strftime("%d/%m/%Y"), "reason": "Chờ số liệu"},
    )
    extension = assignment.extensions.get()
    _login(client, focal_point)
    client.post(reverse("assignments:extension_approve", args=[extension.pk]))
    assignment.refresh_from_db()
    assert assignment.deadline == new_date


def test_outsiders_get_404_everywhere(client, final_report, outsider):
    assignment = final_report.assignment
    _login(client, outsider)
    assert client.get(assignment.get_absolute_url()).status_code == 404
    assert client.post(reverse("assignments:report_accept", args=[final_report.pk])).status_code == 404
    assert client.post(reverse("assignments:assignment_cancel", args=[assignment.pk])).status_code == 404
    assert "Rà soát" not in client.get(reverse("assignments:inbox")).content.decode()


def test_anonymous_users_are_sent_to_login(client, final_report):
    response = client.get(final_report.assignment.get_absolute_url())
    assert response.status_code == 302 and "/dang-nhap/" in response.url


# --- Oversight ----------------------------------------------------------------------------------------


def test_dashboard_counts_overdue_and_units(
    client, make_assignment, org, focal_point, today, django_assert_max_num_queries
):
    make_assignment(org.a, deadline=today - dt.timedelta(days=5), content="Trễ năm ngày")
    make_assignment(org.b, deadline=today - dt.timedelta(days=9), content="Trễ chín ngày")
    make_assignment(org.c)
    _login(client, focal_point)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("assignments:dashboard"))
    page = response.content.decode()
    assert 'data-status="overdue">2<' in page
    assert page.index("Trễ chín ngày") < page.index("Trễ năm ngày")
    # The table per unit comes on demand: htmx asks for the fragment, a browser without JavaScript the whole page.
    assert 'class="bar"' not in page and "units=1" in page
    with django_assert_max_num_queries(16):
        fragment = client.get(reverse("assignments:dashboard"), {"units": "1"}, HTTP_HX_REQUEST="true")
    assert 'class="bar"' in fragment.content.decode() and "<html" not in fragment.content.decode()
    assert org.a.short_name in fragment.content.decode()
    whole = client.get(reverse("assignments:dashboard"), {"units": "1"}).content.decode()
    assert 'class="bar"' in whole and "<html" in whole
    response = client.get(reverse("assignments:dashboard"), {"tree": org.c.pk})
    assert 'data-status="overdue">0<' in response.content.decode()
    assert client.get(reverse("assignments:dashboard"), {"export": "overdue"}).status_code == 200
    assert client.get(reverse("assignments:dashboard"), {"export": "units"}).status_code == 200


def test_status_report_is_a_word_document_with_the_table(client, make_assignment, focal_point, today):
    from docx import Document

    make_assignment(content="Rà soát quy chế", deadline=today - dt.timedelta(days=2))
    _login(client, focal_point)
    start = (today - dt.timedelta(days=30)).strftime("%d/%m/%Y")
    response = client.get(reverse("assignments:status_report"), {"start": start, "end": today.strftime("%d/%m/%Y")})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Rà soát quy chế" in text and "Quá hạn" in text


def test_notifications_page_lists_and_marks_read(client, final_report, focal_point):
    _login(client, focal_point)
    assert "Báo cáo hoàn thành chờ duyệt" in client.get(reverse("assignments:notifications")).content.decode()
    client.post(reverse("assignments:notifications"))
    assert not focal_point.notifications.filter(read_at__isnull=True).exists()


def test_directive_pages_have_bounded_queries_and_export(
    client, org, focal_point, communes, today, django_assert_max_num_queries
):
    for number in range(3):
        directive = services.directive_create(
            issuing_unit=org.root,
            date=today,
            created_by=focal_point,
            number=f"{number}/TB",
            text=_notice(today + dt.timedelta(days=9)),
        )
        services.directive_issue(directive=directive, issued_by=focal_point)
    _login(client, focal_point)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("assignments:directive_list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(directive.get_absolute_url()).status_code == 200
    response = client.get(reverse("assignments:directive_list"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_review_screen_can_drop_an_item(client, org, focal_point, today):
    _login(client, focal_point)
    _new(client, org, _notice(today + dt.timedelta(days=9)))
    directive = Directive.objects.get()
    data = {**_review_data(directive, _items_of(directive), "issue"), "confirmed": "1"}
    data["items-1-DELETE"] = "on"
    client.post(reverse("assignments:directive_review", args=[directive.pk]), data)
    assert list(Assignment.objects.values_list("lead_unit__short_name", flat=True)) == ["Phòng Nội vụ"]
    assert directive.items.count() == 1


@pytest.mark.parametrize(
    ("persona", "sees", "can_review"),
    [
        ("officer_a", True, False),  # the lead unit
        ("officer_b", True, False),  # a coordinating unit
        ("leader_root", True, True),  # leader above: manages the assigning unit
        ("focal_point", True, True),
        ("viewer_c", False, False),
        ("outsider", False, False),
    ],
)
def test_permission_matrix_on_the_assignment_page(
    client, make_assignment, org, officer_a, persona, sees, can_review, request
):
    assignment = make_assignment(coordinators=[org.b])
    report = services.progress_report_submit(
        assignment=assignment, unit=org.a, author=officer_a, text="x", is_final=True
    )
    _login(client, request.getfixturevalue(persona))
    response = client.get(assignment.get_absolute_url())
    assert response.status_code == (200 if sees else 404)
    assert (sees and 'id="accept"' in response.content.decode()) == can_review
    response = client.post(reverse("assignments:report_accept", args=[report.pk]))
    assert response.status_code == (302 if can_review else 404)


def test_empty_filter_values_mean_no_filter(client, make_assignment, officer_a):
    make_assignment(content="Cải cách")
    _login(client, officer_a)
    page = client.get(reverse("assignments:inbox"), {"q": "", "status": "", "role": "", "due": "", "directive": ""})
    assert "Cải cách" in page.content.decode()


def test_number_and_date_are_read_from_the_heading_when_left_blank(client, org, focal_point):
    _login(client, focal_point)
    text = "UBND HUYỆN THỬ\nSố: 77/TB-UBND     Thử, ngày 5 tháng 1 năm 2027\n\nGiao Phòng Nội vụ: tổng hợp báo cáo."
    response = client.post(reverse("assignments:directive_new"), {"issuing_unit": org.root.pk, "text": text})
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert (directive.number, directive.date) == ("77/TB-UBND", dt.date(2027, 1, 5))


def test_a_notice_without_a_dated_heading_asks_for_the_date(client, org, focal_point):
    _login(client, focal_point)
    response = client.post(
        reverse("assignments:directive_new"), {"issuing_unit": org.root.pk, "text": "Giao Phòng Nội vụ: làm việc."}
    )
    assert "Hãy nhập ngày ban hành" in response.content.decode()
    assert not Directive.objects.exists()


# --- Cancelling asks first ------------------------------------------------------------------------


def test_cancel_first_shows_the_consequences_then_cancels_on_confirmation(client, final_report, org, focal_point):
    assignment = final_report.assignment
    assignment.coordinators.add(org.b)
    url = reverse("assignments:assignment_cancel", args=[assignment.pk])
    _login(client, focal_point)

    page = client.post(url, {"note": "Trùng với nhiệm vụ khác"})
    assignment.refresh_from_db()
    assert page.status_code == 200 and assignment.cancelled_at is None  # nothing happened yet
    text = page.content.decode()
    assert 'id="cancel-confirm"' in text and str(org.a) in text and "1 đơn vị phối hợp" in text
    assert "1 báo cáo hoàn thành đang chờ duyệt" in text and "không hoàn tác được" in text
    assert "Trùng với nhiệm vụ khác" in text

    client.post(url, {"note": "Trùng với nhiệm vụ khác", "confirm": "1"})
    assignment.refresh_from_db()
    assert assignment.cancelled_at is not None and assignment.cancel_reason == "Trùng với nhiệm vụ khác"


def test_cancel_without_a_reason_asks_for_one_and_changes_nothing(client, make_assignment, focal_point):
    assignment = make_assignment()
    _login(client, focal_point)
    response = client.post(reverse("assignments:assignment_cancel", args=[assignment.pk]), {"note": " "}, follow=True)
    assignment.refresh_from_db()
    assert assignment.cancelled_at is None
    assert "Hãy nhập lý do hủy nhiệm vụ." in response.content.decode()


def test_a_cancelled_assignment_cannot_be_completed_by_accepting_its_report(final_report, focal_point):
    services.assignment_cancel(assignment=final_report.assignment, cancelled_by=focal_point, reason="Không còn cần")
    with pytest.raises(services.ApplicationError):
        services.progress_report_accept(report=final_report, reviewer=focal_point)
    final_report.assignment.refresh_from_db()
    assert final_report.assignment.done_at is None


def test_the_cancel_confirmation_reads_in_english(client, final_report, focal_point, settings):
    _login(client, focal_point)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("assignments:assignment_cancel", args=[final_report.assignment.pk])
    text = client.post(url, {"note": "x"}).content.decode()
    for phrase in [
        "Cancel this assignment?",
        "0 coordinating units",
        "1 completion report awaiting",
        "cannot be undone",
    ]:
        assert phrase in text
