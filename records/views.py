import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import uploads
from core.errors import ApplicationError
from core.exports import xlsx_response
from organizations import permissions
from records import services
from records.digitisation import digitisation_by_unit
from records.forms import BacklogForm, CountsForm, FileListForm, ImportUploadForm, ProgressForm, YearForm
from records.models import ArchiveBacklog, FileList, WorkFile, WorkFileCount
from records.selectors import backlog_figures, records_overview, reporting_units, sorting_chart, work_file_rows


def _year(request) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return timezone.localdate().year


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _flag(flag) -> str:
    if flag is None or not flag.has_data:
        return _("Không có dữ liệu")
    return f"{flag.yes}/{flag.known} ({_pct(flag.rate)})"


@login_required
def overview(request):
    """For the Home Affairs office: per unit, file list approved, deposits on time, backlog, who has not reported."""
    year, today = _year(request), timezone.localdate()
    rows = records_overview(units=reporting_units(request.user), year=year, on=today)
    if request.GET.get("export") == "xlsx":
        headers = [
            _("STT"),
            _("Đơn vị"),
            _("Danh mục hồ sơ"),
            _("Hồ sơ đến hạn nộp lưu"),
            _("Nộp lưu đúng hạn"),
            _("Tỷ lệ đúng hạn"),
            _("Quá hạn chưa nộp"),
            _("Tồn đọng (mét giá)"),
            _("Đã chỉnh lý trong năm"),
            _("Còn lại (mét giá)"),
            _("Hồ sơ một cửa số hóa"),
            _("Kết quả điện tử"),
            _("Đã báo cáo"),
        ]
        data = [
            [
                i,
                r.unit.short_name,
                r.file_list.approved_on.strftime("%d/%m/%Y") if r.file_list and r.file_list.approved_on else "",
                r.due,
                r.on_time,
                _pct(r.on_time_rate),
                r.overdue,
                r.backlog.total if r.backlog else "",
                r.backlog.sorted_this_year if r.backlog else "",
                r.backlog.remaining if r.backlog else "",
                _flag(r.digitisation.digitised if r.digitisation else None),
                _flag(r.digitisation.electronic if r.digitisation else None),
                _("Có") if r.reported else _("Chưa"),
            ]
            for i, r in enumerate(rows, 1)
        ]
        return xlsx_response(f"luu-tru-{year}.xlsx", headers, data, title=_("Công tác lưu trữ năm %(y)s") % {"y": year})
    context = {
        "year": year,
        "rows": rows,
        "not_reported": [r for r in rows if not r.reported],
        "can_import": request.user.is_superuser or bool(permissions.unit_ids(request.user, "change")),
    }
    return render(request, "records/overview.html", context)


@login_required
def unit_records(request, pk):
    unit = get_object_or_404(reporting_units(request.user), pk=pk)
    year, today = _year(request), timezone.localdate()
    can_change = permissions.can(request.user, "change", unit.pk)
    backlog = ArchiveBacklog.objects.filter(unit=unit).first()
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        _post(request, unit, year, backlog)
        return redirect(f"{reverse('records:unit', args=[unit.pk])}?year={year}")
    files = WorkFile.objects.filter(unit=unit, year=year).order_by("code")
    context = {
        "unit": unit,
        "year": year,
        "can_change": can_change,
        "file_list": FileList.objects.filter(unit=unit, year=year).first(),
        "rows": work_file_rows(files, on=today),
        "backlog": backlog,
        "figures": backlog_figures(backlog, year=year, on=today) if backlog else None,
        "progress": list(backlog.progress.order_by("-recorded_on", "-pk")[:20]) if backlog else [],
        "chart": sorting_chart(backlog) if backlog else None,
        "digitisation": digitisation_by_unit(unit_ids=[unit.pk], start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))[
            unit.pk
        ],
        "file_list_form": FileListForm(),
        "counts": WorkFileCount.objects.filter(unit=unit, year=year).first(),
        "counts_form": CountsForm(),
        "backlog_form": BacklogForm(initial={"total_metres": backlog.total_metres if backlog else None}),
        "progress_form": ProgressForm(initial={"recorded_on": today}),
    }
    return render(request, "records/unit.html", context)


def _post(request, unit, year, backlog) -> None:
    action = request.POST.get("action")
    try:
        if action == "file_list":
            form = FileListForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ApplicationError(_("Thông tin danh mục hồ sơ không hợp lệ."))
            services.file_list_save(unit=unit, year=year, by=request.user, **form.cleaned_data)
        elif action == "counts":
            form = CountsForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Số liệu hồ sơ không hợp lệ."))
            services.work_file_count_save(unit=unit, year=year, by=request.user, **form.cleaned_data)
        elif action == "backlog":
            form = BacklogForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Số mét giá không hợp lệ."))
            backlog = services.backlog_save(unit=unit, by=request.user, total_metres=form.cleaned_data["total_metres"])
            if form.cleaned_data["planned_metres"] is not None:
                services.sorting_plan_save(
                    backlog=backlog, by=request.user, year=year, planned_metres=form.cleaned_data["planned_metres"]
                )
        elif action == "progress" and backlog is not None:
            form = ProgressForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Ngày hoặc số mét giá không hợp lệ."))
            services.sorting_progress_record(backlog=backlog, by=request.user, **form.cleaned_data)
        else:
            raise ApplicationError(_("Thao tác không hợp lệ."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận."))


@login_required
def import_work_files(request):
    """Upload → preview → confirm, for lists of work files."""
    if not (request.user.is_superuser or permissions.unit_ids(request.user, "change")):
        raise PermissionDenied
    return uploads.import_page(
        request,
        importer=uploads.Importer(services.work_files_import, services.WORK_FILE_COLUMNS),
        form_class=ImportUploadForm,
        template="records/import.html",
        again="records:import",
        done="records:overview",
    )


@login_required
def file_list_download(request, pk):
    """A file list's document, served after the same view check as the unit."""
    file_list = get_object_or_404(FileList, pk=pk)
    if not permissions.can(request.user, "view", file_list.unit_id) or not file_list.file:
        raise Http404
    suffix = file_list.file.name.rsplit(".", 1)[-1] if "." in file_list.file.name else "bin"
    return FileResponse(
        file_list.file.open("rb"), as_attachment=True, filename=f"danh-muc-ho-so-{file_list.year}.{suffix}"
    )
