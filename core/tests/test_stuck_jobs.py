"""A task worker that dies mid-import must not leave the job "importing" forever."""

import datetime as dt
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import ImportJob
from organizations.tests.factories import UserFactory


def _job(user, state, minutes_ago):
    job = ImportJob.objects.create(user=user, kind="onestop.dossiers", filename="lon.csv", token="abc", state=state)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return job


def test_polling_a_job_whose_worker_died_shows_it_failed(client, db, settings):
    user = UserFactory(username="nhap")
    stuck = _job(user, ImportJob.State.IMPORTING, settings.IMPORT_JOB_TIMEOUT_MINUTES + 1)
    client.force_login(user)
    page = client.get(reverse("onestop:import_job", args=[stuck.pk]), HTTP_HX_REQUEST="true").content.decode()
    stuck.refresh_from_db()
    assert stuck.state == ImportJob.State.FAILED
    assert "Tác vụ nền đã dừng" in stuck.message
    assert "Tác vụ nền đã dừng" in page and "every 2s" not in page
    api = client.get(f"/api/v1/onestop/imports/jobs/{stuck.pk}/")
    assert api.json()["state"] == "failed"


def test_recover_command_fails_only_jobs_past_the_timeout(db, settings):
    user = UserFactory(username="nhap")
    old_checking = _job(user, ImportJob.State.CHECKING, settings.IMPORT_JOB_TIMEOUT_MINUTES + 5)
    recent = _job(user, ImportJob.State.IMPORTING, 1)
    done = _job(user, ImportJob.State.DONE, settings.IMPORT_JOB_TIMEOUT_MINUTES + 5)
    out = io.StringIO()
    call_command("recover_import_jobs", stdout=out)
    assert "1 stuck" in out.getvalue()
    states = dict(ImportJob.objects.values_list("pk", "state"))
    assert states == {old_checking.pk: "failed", recent.pk: "importing", done.pk: "done"}
