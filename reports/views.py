from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.exports import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.periods import parse_period, quarter
from organizations import permissions
from organizations.models import Unit
from reports import exports, services
from reports.choices import ReportStatus
from reports.forms import CycleOpenForm, ForecastForm, UnitReportForm
from reports.index766 import forecast_units, receiving_units
from reports.selectors import (
    can_edit,
    can_review,
    cycles_visible_to,
    format_figure,
    reporting_rate,
    reports_visible_to,
)


def _owners(user):
    manage = permissions.unit_ids(user, "manage")
    units = Unit.objects.all() if manage is None else Unit.objects.filter(pk__in=manage)
    return units.filter(children__isnull=False).distinct().order_by("short_name")


@login_required
def cycle_list(request):
    owners = _owners(request.user)
    form = CycleOpenForm(request.POST or None, owners=owners, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not owners.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                cycle = services.report_cycle_open(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã mở kỳ báo cáo: %(title)s.") % {"title": cycle.title})
                return redirect(cycle)
    cycles = cycles_visible_to(request.user)
    mine = permissions.scoped(reports_visible_to(request.user), request.user, "change").filter(
        status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
    )
    return render(
        request,
        "reports/cycle_list.html",
        {"cycles": cycles, "form": form, "can_open": owners.exists(), "mine": mine.order_by("-cycle__end")[:50]},
    )


@login_required
def cycle_detail(request, pk):
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=pk)
    manager = permissions.can(request.user, "manage", cycle.owner_id)
    rate = reporting_rate(cycle)
    visible = set(reports_visible_to(request.user).filter(cycle=cycle).values_list("pk", flat=True))
    return render(
        request,
        "reports/cycle_detail.html",
        {"cycle": cycle, "rate": rate, "manager": manager, "visible": visible},
    )


@login_required
def cycle_export(request, pk, fmt):
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=pk)
    if not permissions.can(request.user, "manage", cycle.owner_id):
        raise Http404
    if fmt == "docx":
        return file_response(
            exports.consolidated_docx(cycle), f"bao-cao-cchc-{cycle.owner.code}-{cycle.pk}.docx", DOCX_CONTENT_TYPE
        )
    if fmt == "xlsx":
        return file_response(
            exports.consolidated_xlsx(cycle), f"so-lieu-cchc-{cycle.owner.code}-{cycle.pk}.xlsx", XLSX_CONTENT_TYPE
        )
    raise Http404


@login_required
def report_detail(request, pk):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    editable, reviewer = can_edit(request.user, report), can_review(request.user, report)
    form = UnitReportForm(report=report)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("save", "submit"):
                if not editable:
                    raise PermissionDenied
                form = UnitReportForm(request.POST, request.FILES, report=report)
                if form.is_valid():
                    services.unit_report_save(
                        report=report,
                        texts=form.cleaned_data["texts"],
                        figures=form.cleaned_data["figures"],
                        signed_file=form.cleaned_data.get("signed_file"),
                        user=request.user,
                    )
                    if action == "submit":
                        services.unit_report_submit(report=report, user=request.user)
                        messages.success(request, _("Đã gửi báo cáo."))
                    else:
                        messages.success(request, _("Đã lưu báo cáo."))
                    return redirect(report)
                messages.error(request, _("Vui lòng kiểm tra lại các ô được đánh dấu."))
            elif action == "refresh":
                if not editable:
                    raise PermissionDenied
                services.unit_report_fill_figures(report=report)
                messages.success(request, _("Đã cập nhật số liệu từ hệ thống."))
                return redirect(report)
            elif action == "accept":
                if not reviewer:
                    raise PermissionDenied
                services.unit_report_accept(report=report, user=request.user)
                messages.success(request, _("Đã tiếp nhận báo cáo."))
                return redirect(report)
            elif action == "return":
                if not reviewer:
                    raise PermissionDenied
                services.unit_report_return(report=report, reason=request.POST.get("reason", ""), user=request.user)
                messages.success(request, _("Đã trả lại báo cáo."))
                return redirect(report)
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    figures = [(f, format_figure(f)) for f in report.figures.select_related("row")]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "form": form,
            "editable": editable,
            "reviewer": reviewer,
            "figures": figures,
            "texts": report.texts.select_related("section"),
        },
    )


@login_required
def report_file(request, pk):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not report.signed_file:
        raise Http404
    try:
        handle = report.signed_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=report.signed_file_name or "bao-cao")


@login_required
def index766_view(request):
    view = permissions.unit_ids(request.user, "view")
    units = Unit.objects.all() if view is None else Unit.objects.filter(pk__in=view)
    today = timezone.localdate()
    form = ForecastForm(request.GET or None, units=units.order_by("short_name"), year=today.year)
    period = quarter(today.year, (today.month - 1) // 3 + 1)
    chosen = None
    if form.is_bound:
        if form.is_valid():
            if form.cleaned_data["period"]:
                period = parse_period(form.cleaned_data["period"])
            chosen = form.cleaned_data["unit"]
        else:
            messages.error(request, _("Kỳ hoặc đơn vị không hợp lệ."))
    selected = [chosen] if chosen else receiving_units(period, view)
    rule_set, forecasts = forecast_units(selected, period)
    return render(
        request,
        "reports/index766.html",
        {"form": form, "period": period, "rule_set": rule_set, "forecasts": forecasts},
    )
