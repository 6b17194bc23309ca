"""Large files: checked and imported by a task worker (the real database backend and `db_worker --batch`).

Transactional tests: the worker closes its database connection between tasks, as a real one does, and the
job is enqueued when the upload's transaction commits."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from core.models import ImportJob
from onestop.models import Dossier
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UserFactory

HEADER = "Mã hồ sơ,Mã TTHC,Đơn vị tiếp nhận,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trả kết quả qua BCCI\n"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
GOOD = "J1,1.075954,UBND xã Tân Phú,Trực tuyến,30/07/2026,05/08/2026,,Không\n"


@pytest.fixture
def focal(sample_data, settings):
    settings.IMPORT_INLINE_MAX_MB = 0  # every file counts as large
    user = UserFactory(username="focal_jobs")
    MembershipFactory(user=user, unit=sample_data, role=Role.FOCAL_POINT)
    return user


def _upload(client, text: str):
    upload = io.BytesIO(text.encode())
    upload.name = "ho-so-ca-nam.csv"
    return client.post(reverse("onestop:import"), {"kind": "dossiers", "file": upload})


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_large_file_is_checked_then_imported_by_the_worker(client, focal):
    client.force_login(focal)
    response = _upload(client, HEADER + GOOD)
    job = ImportJob.objects.get(user=focal)
    assert response.url == reverse("onestop:import_job", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Đang kiểm tra tệp" in page and 'hx-trigger="every 2s"' in page  # the page polls while it waits

    _work()
    job.refresh_from_db()
    assert job.state == ImportJob.State.CHECKED
    assert job.columns[:2] == ["Mã hồ sơ", "Mã TTHC"] and job.preview[0][:2] == ["J1", "1.075954"]
    assert not Dossier.objects.filter(code="J1").exists()  # the check writes nothing
    fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "1 dòng: 1 tạo mới" in fragment and "every 2s" not in fragment and "<html" not in fragment

    client.post(response.url)
    client.post(response.url)  # a second click imports nothing more
    _work()
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and "1 tạo mới" in job.summary
    assert Dossier.objects.filter(code="J1").count() == 1
    assert not default_storage.exists(f"imports/{focal.pk}-{job.token}")
    assert "Đã nhập" in client.get(reverse("onestop:import")).content.decode()
    # The summary links to the file's own period (30/07/2026), as the inline import does, not this quarter.
    assert job.details["received_from"] == "2026-07-30" and job.details["received_to"] == "2026-07-30"
    done = client.get(response.url).content.decode()
    assert 'href="/mot-cua/?start=30%2F07%2F2026&amp;end=30%2F07%2F2026" id="import-figures"' in done


def test_a_bad_large_file_fails_naming_the_row_and_writes_nothing(client, focal):
    client.force_login(focal)
    _upload(client, HEADER + GOOD + GOOD.replace("J1", "J2").replace("30/07", "31/02"))
    _work()
    job = ImportJob.objects.get(user=focal)
    assert job.state == ImportJob.State.FAILED
    assert job.errors[0]["row"] == 3 and job.errors[0]["column"] == "Ngày tiếp nhận"
    page = client.get(reverse("onestop:import_job", args=[job.pk])).content.decode()
    assert "Dòng 3, cột «Ngày tiếp nhận»" in page and "Xác nhận nhập" not in page
    assert client.post(reverse("onestop:import_job", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED  # a failed file cannot be confirmed
    assert not Dossier.objects.filter(code__in=["J1", "J2"]).exists()
    assert not default_storage.exists(f"imports/{focal.pk}-{job.token}")


def test_someone_elses_job_is_not_found(client, focal):
    client.force_login(focal)
    _upload(client, HEADER + GOOD)
    job = ImportJob.objects.get(user=focal)
    other = UserFactory(username="other_focal")
    MembershipFactory(user=other, unit=focal.memberships.get().unit, role=Role.FOCAL_POINT)
    client.force_login(other)
    assert client.get(reverse("onestop:import_job", args=[job.pk])).status_code == 404
    assert client.post(reverse("onestop:import_job", args=[job.pk])).status_code == 404


def test_api_large_file_answers_202_and_the_job_tells_the_result(client, focal):
    client.force_login(focal)
    upload = io.BytesIO((HEADER + GOOD).encode())
    upload.name = "ho-so.csv"
    response = client.post("/api/v1/onestop/imports/dossiers/", {"file": upload})
    assert response.status_code == 202
    job_url = response["Location"]
    assert client.get(job_url).json()["state"] == "importing"  # the API imports without a preview
    _work()
    data = client.get(job_url).json()
    assert (data["state"], data["summary"]) == ("done", "1 dòng: 1 tạo mới, 0 cập nhật, 0 không đổi")
    assert Dossier.objects.filter(code="J1").exists()
