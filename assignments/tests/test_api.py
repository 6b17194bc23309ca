import datetime as dt
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from assignments import services
from assignments.choices import ReviewState
from assignments.models import Assignment, Directive, ProgressReport
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
API = "/api/v1/assignments"


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    api.force_authenticate(user)
    return api


def test_parse_returns_items_with_matches_and_writes_nothing(api, org, focal_point, communes):
    text = "Giao Phòng Nội vụ: Chủ trì, phối hợp với Phòng Tư pháp rà soát quy chế; hoàn thành trước ngày 31/12/2030.\nGiao Phòng Không Có: làm việc khác."
    response = _as(api, focal_point).post(f"{API}/directives/parse/", {"issuing_unit": org.root.pk, "text": text})
    assert response.status_code == 200, response.content
    first, second = response.json()
    assert first["recipients"] == ["Phòng Nội vụ"] and first["recipient_matches"][0]["unit"] == org.a.pk
    assert first["coordinator_matches"][0]["unit"] == org.b.pk and first["deadline"] == "2030-12-31"
    assert second["errors"] and not second["recipient_matches"][0]["matched"]
    assert not Directive.objects.exists()


def test_empty_notice_is_a_400_with_a_vietnamese_message(api, org, focal_point):
    response = _as(api, focal_point).post(f"{API}/directives/parse/", {"issuing_unit": org.root.pk, "text": " "})
    assert response.status_code == 400
    assert "Văn bản trống" in response.json()["message"]


def test_create_draft_edit_and_issue_through_the_api(api, org, focal_point, communes, today):
    _as(api, focal_point)
    response = api.post(
        f"{API}/directives/",
        {
            "issuing_unit": org.root.pk,
            "date": today.isoformat(),
            "number": "20/TB-UBND",
            "text": "Giao Phòng Nội vụ: Tổng hợp báo cáo.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    directive_id = response.json()["id"]
    why = response.json()["items"][0]["why"]  # what the reader found, for API clients too
    assert why["sentence"] == "Giao Phòng Nội vụ: Tổng hợp báo cáo." and why["rule"] == "none"
    items = [
        {
            "content": "Tổng hợp báo cáo",
            "recipients": ["Phòng Nội vụ"],
            "deadline": (today + dt.timedelta(days=5)).isoformat(),
        },
        {"content": "Hướng dẫn nộp hồ sơ trực tuyến", "recipients": ["Chủ tịch UBND các xã, thị trấn"]},
    ]
    response = api.post(f"{API}/directives/{directive_id}/issue/", {"items": items}, format="json")
    assert response.status_code == 200, response.content
    assert sorted(a["lead_unit"] for a in response.json()) == sorted([org.a.pk, org.c.pk])
    assert (
        api.post(f"{API}/directives/{directive_id}/issue/", {}, format="json").json()["message"]
        == "Văn bản đã được ban hành."
    )


def test_issue_with_an_unknown_unit_is_refused_and_writes_nothing(api, org, focal_point, today):
    directive = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text="Giao Phòng Nội vụ: làm việc."
    )
    items = [{"content": "x", "recipients": ["Sở Không Có"]}]
    response = _as(api, focal_point).post(f"{API}/directives/{directive.pk}/issue/", {"items": items}, format="json")
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị «Sở Không Có»" in response.json()["extra"]["items"]["1"][0]
    assert not Assignment.objects.exists()


def test_list_filters_like_the_inbox_with_bounded_queries(
    api, make_assignment, org, focal_point, today, django_assert_max_num_queries
):
    for number in range(20):
        make_assignment(content=f"Cải cách thủ tục {number}", coordinators=[org.b])
    make_assignment(content="Quá hạn rồi", deadline=today - dt.timedelta(days=1))
    _as(api, focal_point)
    with django_assert_max_num_queries(8):
        response = api.get(f"{API}/assignments/", {"q": "cai cach thu tuc"})
    assert response.json()["count"] == 20
    assert response.json()["results"][0]["coordinators"] == [org.b.pk]
    overdue = api.get(f"{API}/assignments/", {"status": "overdue"}).json()
    assert [a["content"] for a in overdue["results"]] == ["Quá hạn rồi"]
    assert overdue["results"][0]["status_label"] == "Quá hạn"


def test_report_accept_workflow_through_the_api(api, make_assignment, org, officer_a, focal_point):
    assignment = make_assignment()
    _as(api, officer_a)
    upload = SimpleUploadedFile("bc.pdf", b"%PDF", content_type="application/pdf")
    response = api.post(
        f"{API}/assignments/{assignment.pk}/report/",
        {"text": "Xong", "is_final": "true", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    assert response.json()["attachments"][0]["name"] == "bc.pdf"
    assert api.post(f"{API}/reports/{report_id}/accept/").status_code == 404  # not the assigning side
    _as(api, focal_point)
    response = api.post(f"{API}/reports/{report_id}/accept/", {"note": "Đạt"}, format="json")
    assert response.json()["review_state"] == "accepted"
    assert api.get(f"{API}/assignments/{assignment.pk}/").json()["status"] == "done_on_time"
    again = api.post(f"{API}/reports/{report_id}/return/", {"note": "Trả"}, format="json")
    assert again.status_code == 400 and "người khác xử lý" in again.json()["message"]


def test_extension_and_cancel_endpoints(api, make_assignment, org, officer_a, focal_point, today):
    assignment = make_assignment(deadline=today + dt.timedelta(days=1))
    new_date = today + dt.timedelta(days=10)
    response = _as(api, officer_a).post(
        f"{API}/assignments/{assignment.pk}/extension/",
        {"requested_deadline": new_date.isoformat(), "reason": "Chờ ý kiến"},
    )
    assert response.status_code == 201, response.content
    _as(api, focal_point)
    api.post(f"{API}/extensions/{response.json()['id']}/approve/")
    assert api.get(f"{API}/assignments/{assignment.pk}/").json()["deadline"] == new_date.isoformat()
    response = api.post(f"{API}/assignments/{assignment.pk}/cancel/", {"note": "Không còn cần thiết"})
    assert response.json()["status"] == "cancelled"


def test_standalone_assignment_create(api, org, focal_point, officer_a, today):
    payload = {
        "lead_unit": org.b.pk,
        "content": "Cập nhật quy chế",
        "deadline": (today + dt.timedelta(days=3)).isoformat(),
    }
    assert _as(api, officer_a).post(f"{API}/assignments/", payload).status_code == 400
    response = _as(api, focal_point).post(f"{API}/assignments/", payload)
    assert response.status_code == 201 and response.json()["status"] == "on_track"
    past = {**payload, "deadline": (today - dt.timedelta(days=1)).isoformat()}
    assert "đã qua" in api.post(f"{API}/assignments/", past).json()["message"]


@pytest.mark.parametrize("persona", ["outsider", "viewer_c"])
def test_people_outside_the_assignment_get_404(api, final_report, persona, request):
    user = request.getfixturevalue(persona)
    _as(api, user)
    assignment = final_report.assignment
    assert api.get(f"{API}/assignments/{assignment.pk}/").status_code == 404
    assert api.post(f"{API}/assignments/{assignment.pk}/report/", {"text": "x"}).status_code == 404
    assert api.post(f"{API}/reports/{final_report.pk}/accept/").status_code == 404
    assert api.get(f"{API}/assignments/").json()["count"] == 0


def test_anonymous_is_refused(api):
    assert api.get(f"{API}/assignments/").status_code in (401, 403)


# --- Concurrency: two reviewers at once ----------------------------------------------------------


def test_the_conditional_update_lets_only_one_review_win(final_report, focal_point, leader_root):
    # Both reviewers loaded the report while it was "submitted"; the UPDATE … WHERE state='submitted'
    # affects one row for the first and none for the second, whatever the database.
    stale = ProgressReport.objects.get(pk=final_report.pk)
    services._review(report=final_report, reviewer=focal_point, state=ReviewState.ACCEPTED, note="")
    with pytest.raises(ApplicationError):
        services._review(report=stale, reviewer=leader_root, state=ReviewState.RETURNED, note="Trả lại")
    assert ProgressReport.objects.get(pk=final_report.pk).review_state == ReviewState.ACCEPTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_in_parallel_threads_cannot_both_win(final_report, focal_point, leader_root):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need a server database (run with DATABASE_URL=postgres://…)")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def review(service, user, **kwargs):
        try:
            barrier.wait(timeout=10)
            service(report=final_report, reviewer=user, **kwargs)
            outcomes.append("won")
        except ApplicationError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=(services.progress_report_accept, focal_point)),
        threading.Thread(target=review, args=(services.progress_report_return, leader_root), kwargs={"note": "Thiếu"}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["lost", "won"]
    report = ProgressReport.objects.get(pk=final_report.pk)
    assignment = Assignment.objects.get(pk=final_report.assignment_id)
    assert (report.review_state == ReviewState.ACCEPTED) == (assignment.done_at is not None)


def test_assigning_side_corrects_an_assignment_but_the_unit_cannot(
    api, make_assignment, org, officer_a, focal_point, today
):
    assignment = make_assignment()
    new_date = (today + dt.timedelta(days=40)).isoformat()
    url = f"{API}/assignments/{assignment.pk}/"
    assert _as(api, officer_a).patch(url, {"deadline": new_date}, format="json").status_code == 404
    response = _as(api, focal_point).patch(url, {"deadline": new_date, "coordinators": [org.b.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["deadline"] == new_date and response.json()["coordinators"] == [org.b.pk]
    past = (today - dt.timedelta(days=1)).isoformat()
    assert "đã qua" in api.patch(url, {"deadline": past}, format="json").json()["message"]


def test_draft_items_are_edited_then_issued_as_saved(api, org, focal_point, officer_a, today):
    _as(api, focal_point)
    directive_id = api.post(
        f"{API}/directives/",
        {"issuing_unit": org.root.pk, "date": today.isoformat(), "text": "Giao Phòng Nội vụ: Tổng hợp báo cáo."},
        format="json",
    ).json()["id"]
    items = [{"content": "Rà soát thủ tục", "recipients": ["Phòng Tư pháp"], "coordinators": ["Phòng Nội vụ"]}]
    response = api.put(f"{API}/directives/{directive_id}/items/", items, format="json")
    assert response.status_code == 200, response.content
    assert response.json()[0]["recipient_matches"][0]["unit"] == org.b.pk
    issued = api.post(f"{API}/directives/{directive_id}/issue/", {}, format="json").json()
    assert [(a["lead_unit"], a["content"]) for a in issued] == [(org.b.pk, "Rà soát thủ tục")]
    _as(api, officer_a)
    again = api.put(f"{API}/directives/{directive_id}/items/", items, format="json")
    assert again.status_code in (400, 403, 404)  # an officer edits no directive; issued ones are closed anyway


# --- Publicity (the public site's directive pages) --------------------------------------------------------


def _issued(org, focal_point, today):
    directive = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text="Giao Phòng Nội vụ: làm việc."
    )
    services.directive_issue(directive=directive, issued_by=focal_point)
    return directive


def test_who_issues_marks_a_directive_public_and_back(api, org, focal_point, today):
    directive = _issued(org, focal_point, today)
    response = _as(api, focal_point).post(f"{API}/directives/{directive.pk}/public/", {"is_public": True})
    assert response.status_code == 200
    assert response.json()["is_public"] is True
    directive.refresh_from_db()
    assert directive.is_public
    response = api.post(f"{API}/directives/{directive.pk}/public/", {"is_public": False})
    assert response.status_code == 200 and response.json()["is_public"] is False
    directive.refresh_from_db()
    assert not directive.is_public


def test_publicity_outside_scope_is_404_and_changes_nothing(api, org, focal_point, outsider, officer_b, today):
    directive = _issued(org, focal_point, today)
    assert _as(api, outsider).post(f"{API}/directives/{directive.pk}/public/", {"is_public": True}).status_code == 404
    # An office that only receives the directive sees it but does not issue for the district.
    assert _as(api, officer_b).post(f"{API}/directives/{directive.pk}/public/", {"is_public": True}).status_code in (
        403,
        404,
    )
    directive.refresh_from_db()
    assert not directive.is_public


def test_publicity_needs_a_boolean_and_an_issued_directive(api, org, focal_point, today):
    draft = services.directive_create(
        issuing_unit=org.root, date=today, created_by=focal_point, text="Giao Phòng Nội vụ: làm việc."
    )
    _as(api, focal_point)
    assert api.post(f"{API}/directives/{draft.pk}/public/", {"is_public": "có lẽ"}).status_code == 400
    response = api.post(f"{API}/directives/{draft.pk}/public/", {"is_public": True})
    assert response.status_code == 400
    assert "chưa ban hành" in response.json()["message"]
    draft.refresh_from_db()
    assert not draft.is_public
