import datetime as dt
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from core import uploads
from core.models import ImportJob
from core.tabular import Column
from organizations.tests.factories import UserFactory


def _broken(*, source, filename, user=None):
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


@pytest.mark.django_db
def test_purge_deletes_only_old_unconfirmed_files_and_expires_their_jobs():
    user = UserFactory()
    old = uploads.stage(user, SimpleUploadedFile("old.csv", b"x"))
    fresh = uploads.stage(user, SimpleUploadedFile("fresh.csv", b"y"))
    two_days_ago = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(f"imports/{user.pk}-{old}"), (two_days_ago, two_days_ago))
    job = ImportJob.objects.create(user=user, kind="onestop.dossiers", filename="old.csv", token=old, state="checked")
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(days=2))

    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    assert "Đã xoá 1 tệp" in out.getvalue()
    assert not default_storage.exists(f"imports/{user.pk}-{old}")
    assert default_storage.exists(f"imports/{user.pk}-{fresh}")
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and "hết hạn" in job.message
    with pytest.raises(FileNotFoundError):  # the confirm button of the old preview now says "expired"
        uploads.run_staged(user, old, _broken)


@pytest.mark.django_db
def test_purge_with_nothing_staged():
    assert uploads.purge_staged(older_than=dt.timedelta(hours=1)) == 0


@pytest.mark.django_db
def test_purge_keeps_files_waiting_for_a_worker_and_a_missing_file_expires_the_job():
    user = UserFactory()
    token = uploads.stage(user, SimpleUploadedFile("queued.csv", b"x"))
    two_days_ago = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(f"imports/{user.pk}-{token}"), (two_days_ago, two_days_ago))
    queued = ImportJob.objects.create(user=user, kind="onestop.dossiers", filename="q.csv", token=token)
    assert uploads.purge_staged(older_than=dt.timedelta(hours=24)) == 0  # the worker will still need it
    assert default_storage.exists(f"imports/{user.pk}-{token}")

    gone = ImportJob.objects.create(user=user, kind="onestop.dossiers", filename="g.csv", token="0" * 32)
    assert uploads.job_run(gone.pk) == ImportJob.State.FAILED
    gone.refresh_from_db()
    assert gone.message == "Phiên nhập đã hết hạn; hãy tải tệp lên lại."
    queued.refresh_from_db()
    assert queued.state == ImportJob.State.CHECKING
