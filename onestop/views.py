import datetime as dt
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import charts, uploads
from core.db import use_replica
from core.errors import ApplicationError
from core.exports import Percent, xlsx_response, xlsx_stream_response
from core.models import ImportJob
from core.tabular import ImportFailed
from onestop.forms import ImportUploadForm, PeriodForm, default_period
from onestop.models import Procedure
from onestop.reports import period_report
from onestop.selectors import DOSSIER_KEYS, monthly_trend, onestop_figures, target_state, targets_for, unit_tree_ids
from organizations import permissions
from organizations.models import Unit

IMPORT_KINDS = ("dossiers", "procedures")
BARS_SHOWN = 10
# Lazy: module-level labels must follow the reader's language, not the one active at import.
LABELS = {
    "dossiers": gettext_lazy("Hồ sơ tiếp nhận"),
    "online_capable_dossiers": gettext_lazy("Hồ sơ của TTHC có DVC trực tuyến"),
    "online_dossiers": gettext_lazy("Hồ sơ trực tuyến"),
    "online_rate": gettext_lazy("Tỷ lệ trực tuyến"),
    "postal_received": gettext_lazy("Nhận qua BCCI"),
    "postal_returned": gettext_lazy("Trả qua BCCI"),
    "completed": gettext_lazy("Đã giải quyết"),
    "completed_on_time": gettext_lazy("Đúng hạn"),
    "on_time_rate": gettext_lazy("Tỷ lệ đúng hạn"),
    "overdue_open": gettext_lazy("Đang giải quyết quá hạn"),
}


def _trend_chart(trend, target):
    """Monthly online rate as columns: green where the month met the target, red where not, grey without data."""
    threshold = float(target.threshold) if target else None

    def css(rate):
        if rate is None:
            return "muted"
        if threshold is None:
            return "info"
        return "ok" if rate >= threshold else "bad"

    items = [
        (
            f"{m['month']:%m/%Y}",
            m["online_rate"],
            "—" if m["online_rate"] is None else f"{round(m['online_rate'] * 100)}%",
            css(m["online_rate"]),
        )
        for m in trend
    ]
    rules = [(_("Chỉ tiêu %(p)s%%") % {"p": round(threshold * 100)}, threshold)] if threshold is not None else []
    return charts.vertical_bars(items, scale_max=1.0, rules=rules)


def _cell(key: str, value):
    """Rates go to the workbook as percentages (typed numbers), counts as they are."""
    return Percent(value) if key.endswith("_rate") and value is not None else value


def _scope(request):
    """The period and unit ids the user asked for, within what they may see."""
    visible = permissions.unit_ids(request.user, "view")
    units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
    form = PeriodForm(request.GET, units=units.order_by("short_name"))
    if form.is_valid():
        period, chosen = form.cleaned_data["range"], form.cleaned_data.get("unit")
    else:
        # The form shows what was wrong (and the period shown instead); a valid unit choice still applies.
        period, chosen = default_period(), form.cleaned_data.get("unit")
    unit_ids = visible
    if chosen:
        if visible is not None and chosen not in visible:
            raise PermissionDenied
        subtree = set(unit_tree_ids(Unit.objects.get(pk=chosen)))
        unit_ids = subtree if visible is None else subtree & visible
    return form, period, unit_ids, chosen


@login_required
@use_replica
def dashboard(request):
    form, period, unit_ids, chosen = _scope(request)
    figures = onestop_figures(start=period.start, end=period.end, unit_ids=unit_ids)
    if request.GET.get("export") == "xlsx":
        headers = [_("Đơn vị"), *[str(LABELS[k]) for k in DOSSIER_KEYS]]
        rows = [[row["unit"], *[_cell(k, row[k]) for k in DOSSIER_KEYS]] for row in figures["units"]]
        rows.append([_("Tổng cộng"), *[_cell(k, figures["total"][k]) for k in DOSSIER_KEYS]])
        title = _("Số liệu một cửa từ %(s)s đến %(e)s") % {
            "s": period.start.strftime("%d/%m/%Y"),
            "e": period.end.strftime("%d/%m/%Y"),
        }
        return xlsx_response("so-lieu-mot-cua.xlsx", headers, rows, title=title)
    targets = []
    received = bool(figures["total"]["dossiers"])
    for target in targets_for(year=period.end.year, unit_id=chosen):
        # Units that received no dossier in the period have no figures ("Chưa có số liệu"), not "0 % Chưa đạt".
        value = figures["total"].get(target.metric.removeprefix("onestop.")) if received else None
        targets.append({"target": target, "value": value, "state": target_state(target, value)})
    online_target = next((t["target"] for t in targets if t["target"].metric == "onestop.online_rate"), None)
    bars = sorted(
        (row for row in figures["units"] if row["online_rate"] is not None),
        key=lambda r: r["online_rate"],
        reverse=True,
    )
    # A province has hundreds of units: show who is furthest behind and ahead, the whole list on demand.
    many = len(bars) > 2 * BARS_SHOWN
    trend = monthly_trend(start=period.start, end=period.end, unit_ids=unit_ids)
    # The name of what the cached fragments show: the rows themselves (figures and unit names) and the target.
    shown = repr((figures["units"], online_target and online_target.threshold, len(bars) > 2 * BARS_SHOWN))
    context = {
        "figures_key": hashlib.blake2b(shown.encode(), digest_size=16).hexdigest(),
        "form": form,
        "period": period,
        "figures": figures,
        "labels": LABELS,
        "keys": DOSSIER_KEYS,
        "targets": targets,
        "bars": bars,
        "bars_lowest": bars[: -BARS_SHOWN - 1 : -1] if many else [],
        "bars_highest": bars[:BARS_SHOWN] if many else [],
        "online_target": online_target,
        "trend": trend,
        "trend_chart": _trend_chart(trend, online_target),
        "query": request.GET.urlencode(),
        "can_import": _can_import(request.user),
    }
    return render(request, "onestop/dashboard.html", context)


@login_required
def without_dossiers(request):
    form, period, unit_ids, _chosen = _scope(request)
    codes = onestop_figures(start=period.start, end=period.end, unit_ids=unit_ids)["total"][
        "online_procedures_without_dossiers"
    ]
    procedures = Procedure.objects.filter(code__in=codes).select_related("service_level").order_by("code")
    if request.GET.get("export") == "xlsx":
        title = _("Danh sách TTHC trực tuyến không phát sinh hồ sơ từ %(s)s đến %(e)s") % {
            "s": period.start.strftime("%d/%m/%Y"),
            "e": period.end.strftime("%d/%m/%Y"),
        }
        rows = [[i, p.code, p.name, p.field, p.tier, p.service_level.name] for i, p in enumerate(procedures, 1)]
        headers = [_("STT"), _("Mã TTHC"), _("Tên TTHC"), _("Lĩnh vực"), _("Cấp thực hiện"), _("Mức độ DVC")]
        return xlsx_response("tthc-khong-phat-sinh-ho-so.xlsx", headers, rows, title=title)
    if request.method == "POST":
        return _create_followups(request, procedures, period)
    followup_units = Unit.objects.filter(pk__in=permissions.unit_ids(request.user, "manage") or []).order_by(
        "short_name"
    )
    if request.user.is_superuser:
        followup_units = Unit.objects.order_by("short_name")
    return render(
        request,
        "onestop/without_dossiers.html",
        {
            "form": form,
            "period": period,
            "procedures": procedures,
            "query": request.GET.urlencode(),
            "followup_units": followup_units,
        },
    )


def _create_followups(request, procedures, period):
    """One follow-up assignment per chosen unit: promote the online procedures that received nothing."""
    from assignments.services import assignment_create
    from core.tabular import parse_date

    manage = permissions.unit_ids(request.user, "manage")
    unit_ids = [int(pk) for pk in request.POST.getlist("units") if pk.isdecimal()]  # isdigit() lets "²" in
    units = Unit.objects.filter(pk__in=unit_ids)
    if manage is not None:
        units = units.filter(pk__in=manage)
    try:
        deadline = parse_date(request.POST.get("deadline", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(request.get_full_path())
    listing = "; ".join(f"{p.code} {p.name}" for p in procedures[:50])
    content = _(
        "Tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến đối với các TTHC trực tuyến chưa phát sinh hồ sơ "
        "từ %(s)s đến %(e)s: %(list)s"
    ) % {"s": period.start.strftime("%d/%m/%Y"), "e": period.end.strftime("%d/%m/%Y"), "list": listing}
    created = 0
    try:
        with transaction.atomic():
            for unit in units:
                assignment_create(
                    lead_unit=unit,
                    content=content,
                    deadline=deadline,
                    created_by=request.user,
                    source_label=_("Số liệu một cửa: TTHC trực tuyến không phát sinh hồ sơ"),
                )
                created += 1
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(request.get_full_path())
    if created:
        messages.success(request, _("Đã giao %(n)s nhiệm vụ theo dõi.") % {"n": created})
    else:
        messages.error(request, _("Chưa chọn đơn vị nào bạn được giao việc."))
    return redirect(request.get_full_path())


@login_required
@use_replica
def report(request):
    form, period, unit_ids, _chosen = _scope(request)
    export = request.GET.get("export") == "xlsx"
    data = period_report(start=period.start, end=period.end, unit_ids=unit_ids, table=export)
    if export:
        title = _("Tình hình giải quyết hồ sơ từ %(s)s đến %(e)s") % {
            "s": period.start.strftime("%d/%m/%Y"),
            "e": period.end.strftime("%d/%m/%Y"),
        }
        return xlsx_stream_response("bao-cao-giai-quyet-ho-so.xlsx", data["headers"], data["rows"], title=title)
    # A province has thousands of unit × field rows: the page shows the summaries, the XLSX the full table.
    return render(
        request,
        "onestop/report.html",
        {
            "form": form,
            "period": period,
            "data": data,
            "columns": data["headers"][2:],
            "query": request.GET.urlencode(),
            # Names what the cached tables show (their rows), as on the dashboard.
            "report_key": hashlib.blake2b(
                repr((data["by_unit"], data["by_field"], data["total"])).encode(), digest_size=16
            ).hexdigest(),
        },
    )


def _can_import(user) -> bool:
    return user.is_superuser or bool(permissions.unit_ids(user, "manage"))


@login_required
def import_data(request):
    """Upload → preview (columns, first rows, every error; nothing written) → confirm → import.
    A large file goes to a task worker: the user follows it on the job's page."""
    if not _can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        kind = request.POST.get("kind", "")
        try:
            importer = uploads.IMPORTERS[f"onestop.{kind}"] if kind in IMPORT_KINDS else None
            if importer is None:
                raise FileNotFoundError(kind)
            summary = uploads.run_staged(
                request.user, request.POST["token"], importer.function, filename=request.POST.get("filename")
            )
        except FileNotFoundError:
            messages.error(request, uploads.EXPIRED)
            return redirect("onestop:import")
        except ImportFailed as exc:
            messages.error(request, exc.message)
            return redirect("onestop:import")
        messages.success(request, _("Đã nhập: %(s)s.") % {"s": summary})
        return redirect(_figures_url(uploads.summary_details(summary)))

    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict = {
        "form": form,
        "jobs": ImportJob.objects.filter(user=request.user, kind__startswith="onestop.")[:5],
        "inline_max_mb": settings.IMPORT_INLINE_MAX_MB,
    }
    if request.method == "POST" and form.is_valid():
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        if uploads.runs_in_background(upload):
            job = uploads.job_start(user=request.user, kind=f"onestop.{kind}", upload=upload)
            return redirect("onestop:import_job", pk=job.pk)
        checked = uploads.check(uploads.IMPORTERS[f"onestop.{kind}"], upload, upload.name, user=request.user)
        context.update({"kind": kind, "filename": upload.name, "checked": checked})
        if checked.ok:
            context["token"] = uploads.stage(request.user, upload)
    return render(request, "onestop/import.html", context)


def _figures_url(details: dict) -> str:
    """The dashboard on the imported file's own period (dates of receipt), not the current quarter."""
    received_from, received_to = details.get("received_from"), details.get("received_to")
    try:  # a job keeps them as ISO text, an inline import as dates
        received_from, received_to = (
            value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
            for value in (received_from, received_to)
        )
    except (TypeError, ValueError):
        return reverse("onestop:dashboard")
    query = urlencode({"start": f"{received_from:%d/%m/%Y}", "end": f"{received_to:%d/%m/%Y}"})
    return f"{reverse('onestop:dashboard')}?{query}"


@login_required
def import_job(request, pk):
    """A large file's check and import, run by a task worker; the page polls until it is done."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user, kind__startswith="onestop.")
    uploads.jobs_fail_stuck(job=job)
    if request.method == "POST":
        try:
            uploads.job_confirm(job=job)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("onestop:import_job", pk=job.pk)
    template = "onestop/_import_job.html" if request.htmx else "onestop/import_job.html"
    return render(request, template, {"job": job, "figures_url": _figures_url(job.details)})
