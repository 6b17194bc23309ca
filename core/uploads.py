"""Upload → preview → confirm, for every import page; large files through a task worker.

The preview runs the whole import in a transaction that is rolled back (so it reports every error and the
summary, and writes nothing); the file waits in storage under a random token until the user confirms.
A file larger than IMPORT_INLINE_MAX_MB is checked and imported by a task worker instead of the web request
(an `ImportJob` the page polls), so a year of dossiers never hits a web server's timeout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ApplicationError
from core.models import ImportJob
from core.tabular import MAX_LISTED_ERRORS, Column, ImportFailed, RowError, open_table

PREVIEW_ROWS = 5
EXPIRED = gettext_lazy("Phiên nhập đã hết hạn; hãy tải tệp lên lại.")


@dataclass(frozen=True)
class Importer:
    function: Callable[..., Any]  # importer(source=…, filename=…, user=…) → a summary whose str() is shown
    columns: Sequence[Column]


IMPORTERS: dict[str, Importer] = {}


def register_importer(kind: str, function: Callable[..., Any], columns: Sequence[Column]) -> None:
    """Make an import available to background jobs, under a kind such as "onestop.dossiers"."""
    IMPORTERS[kind] = Importer(function, columns)


def dry_run(importer: Callable[..., Any], **kwargs) -> Any:
    """Run `importer(**kwargs)` and roll everything back; ImportFailed/ApplicationError pass through."""
    with transaction.atomic():
        result = importer(**kwargs)
        transaction.set_rollback(True)
    return result


@dataclass
class Checked:
    """What the preview shows: the columns found, the first rows, and the summary or every error."""

    columns: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)  # lists, not dicts: jsonb does not keep key order
    summary: str = ""
    message: str = ""
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.message and not self.errors


def check(importer: Importer, source: IO[bytes], filename: str, *, user) -> Checked:
    """Read the header and the first rows, then dry-run the whole import as `user`: nothing is written."""
    checked = Checked()
    try:
        table = open_table(source, importer.columns, filename=filename)
        checked.columns = table.columns
        rows = itertools.islice(table.rows(), PREVIEW_ROWS)
        checked.preview = [[row[column] for column in checked.columns] for _number, row in rows]
        source.seek(0)
        checked.summary = str(dry_run(importer.function, source=source, filename=filename, user=user))
    except ImportFailed as exc:
        checked.message, checked.errors = exc.message, exc.errors
    except ApplicationError as exc:  # a refusal about the whole file, not a row
        checked.message = exc.message
    return checked


STAGING = "imports"


def _name(user, token: str) -> str:
    return f"{STAGING}/{user.pk}-{token}"


def stage(user, upload) -> str:
    upload.seek(0)
    token = uuid.uuid4().hex
    default_storage.save(_name(user, token), upload)
    return token


def run_staged(user, token: str, importer: Callable[..., Any], **kwargs) -> Any:
    """Import the staged file for real, as `user` (the importer gets `user=`); the staged copy is removed
    whatever happens. Raises FileNotFoundError when the token is unknown (expired or someone else's)."""
    if not token.isalnum():
        raise FileNotFoundError(token)
    name = _name(user, token)
    if not default_storage.exists(name):
        raise FileNotFoundError(token)
    try:
        with default_storage.open(name, "rb") as fh:
            result = importer(source=fh, user=user, **kwargs)
    finally:
        default_storage.delete(name)
    _audit_import(user, kwargs.get("filename") or token, getattr(importer, "__qualname__", ""), result)
    return result


SIMPLE = (str, int, float, Decimal, dt.date, type(None))  # what a job's JSON details can hold


def summary_details(result: Any) -> dict:
    """An importer's summary (a dataclass, or a tuple ending in one) as a dict the job can keep."""
    summary = result[-1] if isinstance(result, tuple) else result
    if not dataclasses.is_dataclass(summary) or isinstance(summary, type):
        return {}
    values = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)}
    return {name: value for name, value in values.items() if isinstance(value, SIMPLE)}


def _audit_import(user, filename: str, kind: str, result: Any) -> None:
    """A security event for every import (who, file, counts): see accounts.audit."""
    from accounts.audit import record_import

    summary = result[-1] if isinstance(result, tuple) else result
    record_import(user=user, filename=filename, kind=kind, summary=summary)


def purge_staged(*, older_than: dt.timedelta) -> int:
    """Delete staged files nobody confirmed (a preview left open, a job never confirmed) once they are older
    than `older_than`; their jobs say the session expired. Returns how many files were deleted."""
    cutoff = timezone.now() - older_than
    try:
        _folders, names = default_storage.listdir(STAGING)
    except FileNotFoundError:  # nothing was ever staged
        names = []
    running = ImportJob.objects.filter(state__in=[ImportJob.State.CHECKING, ImportJob.State.IMPORTING])
    waiting_for_a_worker = {f"{job.user_id}-{job.token}" for job in running}
    deleted = 0
    for name in names:
        path = f"{STAGING}/{name}"
        if name not in waiting_for_a_worker and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    ImportJob.objects.filter(state=ImportJob.State.CHECKED, updated_at__lt=cutoff).update(
        state=ImportJob.State.FAILED, message=str(EXPIRED)
    )
    return deleted


# --- Background jobs -----------------------------------------------------------------------


def runs_in_background(upload) -> bool:
    """Files larger than IMPORT_INLINE_MAX_MB are checked and imported by a task worker."""
    return upload.size > settings.IMPORT_INLINE_MAX_MB * 1024 * 1024


def _enqueue(job: ImportJob) -> None:
    from core.tasks import import_job_task

    # After the commit: a worker in another process must see the job row.
    transaction.on_commit(lambda: import_job_task.enqueue(job.pk))


def job_start(*, user, kind: str, upload, confirmed: bool = False) -> ImportJob:
    """Stage the file and have a worker check it (the page shows the job until the user confirms), or
    import it at once when `confirmed` (the API: all-or-nothing needs no preview)."""
    if kind not in IMPORTERS:
        raise ApplicationError(_("Không có loại dữ liệu nhập «%(kind)s».") % {"kind": kind})
    state = ImportJob.State.IMPORTING if confirmed else ImportJob.State.CHECKING
    job = ImportJob.objects.create(user=user, kind=kind, filename=upload.name, token=stage(user, upload), state=state)
    _enqueue(job)
    return job


def job_confirm(*, job: ImportJob) -> ImportJob:
    """The user confirms a checked file: a worker imports it. Confirming twice imports once."""
    if not ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CHECKED).update(state=ImportJob.State.IMPORTING):
        raise ApplicationError(_("Tệp này không ở trạng thái chờ xác nhận."))
    job.refresh_from_db()
    _enqueue(job)
    return job


def _stuck_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(minutes=settings.IMPORT_JOB_TIMEOUT_MINUTES)


def _stuck_message() -> str:
    return _(
        "Tác vụ nền đã dừng khi đang xử lý tệp (không có kết quả sau %(minutes)s phút). "
        "Không có dữ liệu nào được ghi; hãy tải tệp lên lại."
    ) % {"minutes": settings.IMPORT_JOB_TIMEOUT_MINUTES}


def jobs_fail_stuck(*, now: dt.datetime | None = None, job: ImportJob | None = None) -> int:
    """Jobs still "checking" or "importing" IMPORT_JOB_TIMEOUT_MINUTES after their last change were left by a
    worker that died (killed, out of memory, restarted): mark them failed with a message. Imports are
    all-or-nothing, so nothing half-written stays behind. Called when a job page is polled and by
    `manage.py recover_import_jobs` (cron). Returns how many jobs were failed."""
    now = now or timezone.now()
    stuck = ImportJob.objects.filter(
        state__in=[ImportJob.State.CHECKING, ImportJob.State.IMPORTING], updated_at__lt=_stuck_cutoff(now)
    )
    if job is not None:
        stuck = stuck.filter(pk=job.pk)
    failed = stuck.update(state=ImportJob.State.FAILED, message=_stuck_message(), updated_at=now)
    if job is not None and failed:
        job.refresh_from_db()
    return failed


def _failed(job: ImportJob, message: str, errors: Sequence[RowError] = ()) -> None:
    job.state, job.message = ImportJob.State.FAILED, message
    job.errors = [error.as_dict() for error in errors[:MAX_LISTED_ERRORS]]


def job_run(job_id: int) -> str:
    """The worker's side: check or import the staged file, according to the job's state."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    importer = IMPORTERS[job.kind]
    try:
        if job.state == ImportJob.State.CHECKING:
            try:
                with default_storage.open(_name(job.user, job.token), "rb") as fh:
                    checked = check(importer, fh, job.filename, user=job.user)
            except FileNotFoundError:
                checked = Checked(message=str(EXPIRED))
            job.columns, job.preview = checked.columns, checked.preview
            if not checked.ok:
                _failed(job, checked.message, checked.errors)
                default_storage.delete(_name(job.user, job.token))
            else:
                job.state, job.summary = ImportJob.State.CHECKED, checked.summary
        elif job.state == ImportJob.State.IMPORTING:
            try:
                summary = run_staged(job.user, job.token, importer.function, filename=job.filename)
            except ImportFailed as exc:
                _failed(job, exc.message, exc.errors)
            except FileNotFoundError:
                _failed(job, str(EXPIRED))
            else:
                job.state, job.summary = ImportJob.State.DONE, str(summary)
                job.details = summary_details(summary)
    except Exception:
        # Not the user's file but our fault: say so on the page, and let the worker log the traceback.
        _failed(job, _("Lỗi hệ thống khi xử lý tệp; hãy báo quản trị viên."))
        job.save()
        raise
    job.save()
    return job.state


def import_page(request, *, importer: Importer, form_class, template: str, again: str, done: str):
    """The whole upload → preview → confirm page of a small import that runs in the request (ISO document
    lists, work-file lists): the first POST checks the file (every error named, nothing written) and stages it;
    the confirming POST (with the token) imports it as the user. `again`/`done` are URL names to return to."""
    from django.contrib import messages
    from django.shortcuts import redirect, render

    if request.method == "POST" and request.POST.get("token"):
        try:
            summary = run_staged(
                request.user, request.POST["token"], importer.function, filename=request.POST.get("filename")
            )
        except FileNotFoundError:
            messages.error(request, EXPIRED)
            return redirect(again)
        except ImportFailed as exc:
            messages.error(request, exc.message)
            return redirect(again)
        messages.success(request, _("Đã nhập: %(s)s.") % {"s": summary})
        return redirect(done)
    form = form_class(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": [c.name for c in importer.columns]}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        checked = check(importer, upload, upload.name, user=request.user)
        context.update({"filename": upload.name, "checked": checked})
        if checked.ok:
            context["token"] = stage(request.user, upload)
    return render(request, template, context)
