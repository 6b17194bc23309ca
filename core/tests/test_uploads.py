import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.models import ImportJob
from core.tabular import Column
from organizations.tests.factories import UserFactory


def _broken(*, source, filename):
    raise RuntimeError("bug in an importer")


@pytest.mark.django_db
def test_a_crash_in_the_worker_marks_the_job_failed_and_is_raised_for_the_log(monkeypatch):
    monkeypatch.setitem(uploads.IMPORTERS, "test.broken", uploads.Importer(_broken, [Column("Mã")]))
    user = UserFactory()
    job = uploads.job_start(user=user, kind="test.broken", upload=SimpleUploadedFile("a.csv", "Mã\nX1\n".encode()))
    with pytest.raises(RuntimeError):
        uploads.job_run(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert job.message == "Lỗi hệ thống khi xử lý tệp; hãy báo quản trị viên."
    assert job.errors == []


@pytest.mark.django_db
def test_an_unknown_kind_is_refused():
    with pytest.raises(uploads.ApplicationError):
        uploads.job_start(user=UserFactory(), kind="nope", upload=SimpleUploadedFile("a.csv", b"x"))
