"""Thin views: forms in, services/selectors called, templates out. Every queryset is scoped through
`Assignment.objects.visible_to(user, …)` / `selectors.directive_list(user=…)`; anything else is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments import exports, selectors, services
from assignments.choices import DASHBOARD_STATUSES, STATUS_COLOURS, AssignmentStatus, ExtensionDecision, ReviewState
from assignments.filtersets import AssignmentFilterSet
from assignments.forms import (
    DirectiveForm,
    ExtensionForm,
    NoteForm,
    PeriodForm,
    ReassignForm,
    ReportForm,
)
from assignments.models import Assignment, Attachment, ExtensionRequest, Notification, ProgressReport
from core import charts
from core.db import use_replica
from core.errors import ApplicationError
from core.selectors import audit_history
from organizations import permissions
from organizations.models import Unit

from .publicity import directive_public  # noqa: F401 - routed from urls.py
from .review_screen import directive_delete, directive_review  # noqa: F401 - routed from urls.py

PAGE_SIZE = 50


def _filtered(request, queryset=None):
    queryset = queryset if queryset is not None else selectors.assignment_list(user=request.user)
    return AssignmentFilterSet(request.GET, queryset=queryset, user=request.user)


# --- Inbox and assignment pages ---------------------------------------------------------------


@login_required
def inbox(request):
    """What the user's units lead or coordinate (and, for the assigning side, what they gave)."""
    filterset = _filtered(request)
    queryset = filterset.qs.order_by("deadline", "pk")  # invalid filters are reported and ignored
    if request.GET.get("export") == "xlsx":
        headers, rows = exports.assignment_rows(queryset)
        return exports.xlsx_response("nhiem-vu.xlsx", headers, rows, title=_("Danh sách nhiệm vụ"))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.mark_awaiting_approval(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assignments/inbox.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_assign": _manageable(request.user).exists(),
            "unread": Notification.objects.filter(recipient=request.user, read_at__isnull=True).count(),
        },
    )


def _manageable(user):
    ids = permissions.unit_ids(user, "manage")
    return Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)


def _assignment(request, pk, action="view") -> Assignment:
    try:
        assignment = selectors.assignment_detail(user=request.user, pk=pk)
    except Assignment.DoesNotExist:
        raise Http404 from None
    if action != "view" and not Assignment.objects.visible_to(request.user, action).filter(pk=pk).exists():
        raise Http404
    return assignment


def _report_units(user, assignment):
    ids = [assignment.lead_unit_id, *(u.pk for u in assignment.coordinators.all())]
    return Unit.objects.filter(pk__in=[i for i in ids if permissions.can(user, "change", i)])


@login_required
def assignment_detail(request, pk):
    assignment = _assignment(request, pk)
    user = request.user
    reports = assignment.reports.select_related("unit", "author", "reviewed_by").prefetch_related("attachments")
    extensions = assignment.extensions.select_related("unit", "requested_by", "decided_by")
    report_units = _report_units(user, assignment) if assignment.is_open else Unit.objects.none()
    can_manage = permissions.can(user, "manage", assignment.assigning_unit_id)
    can_lead = permissions.can(user, "change", assignment.lead_unit_id)
    pending_report = next((r for r in reports if r.review_state == ReviewState.SUBMITTED), None)
    assignment.awaiting_approval = pending_report is not None
    context = {
        "assignment": assignment,
        "coordinators": assignment.coordinators.all(),
        "reports": reports,
        "extensions": extensions,
        "report_form": ReportForm(units=report_units) if report_units.exists() else None,
        "extension_form": ExtensionForm() if can_lead and assignment.is_open and assignment.deadline else None,
        "can_manage": can_manage,
        "pending_report": pending_report,
        "pending_extension": next((e for e in extensions if e.decision == ExtensionDecision.PENDING), None),
        "note_form": NoteForm(),
        "reassign_form": ReassignForm(units=Unit.objects.visible_to(user).active()) if can_manage else None,
        "no_accounts": services.units_without_accounts([assignment.lead_unit_id]),
        "history": audit_history(
            assignment,
            allowed=permissions.may_see_history(
                user,
                [assignment.lead_unit_id, assignment.assigning_unit_id, *(u.pk for u in assignment.coordinators.all())],
            ),
        ),
        "today": timezone.localdate(),
    }
    return render(request, "assignments/assignment_detail.html", context)


def _run(request, action, success_message):
    """Call a service; a broken rule becomes a Vietnamese message and nothing is written."""
    try:
        action()
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success_message)
    return True


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
@require_POST
def assignment_report(request, pk):
    assignment = _assignment(request, pk)
    form = ReportForm(request.POST, request.FILES, units=_report_units(request.user, assignment))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(assignment)
    data = form.cleaned_data
    _run(
        request,
        lambda: services.progress_report_submit(
            assignment=assignment,
            unit=data["unit"],
            author=request.user,
            text=data["text"],
            percent=data["percent"],
            is_final=data["is_final"],
            explanation=data["explanation"],
            files=data["files"],
        ),
        _("Đã gửi báo cáo hoàn thành, chờ bên giao duyệt.") if data["is_final"] else _("Đã cập nhật tiến độ."),
    )
    return redirect(assignment)


@login_required
@require_POST
def assignment_extension(request, pk):
    assignment = _assignment(request, pk, "change")
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(assignment)
    _run(
        request,
        lambda: services.extension_request_create(
            assignment=assignment,
            unit=assignment.lead_unit,
            requested_by=request.user,
            requested_deadline=form.cleaned_data["requested_deadline"],
            reason=form.cleaned_data["reason"],
        ),
        _("Đã gửi đề nghị gia hạn."),
    )
    return redirect(assignment)


def _note(request) -> str:
    form = NoteForm(request.POST)
    return form.cleaned_data["note"] if form.is_valid() else ""


@login_required
@require_POST
def report_review(request, pk, decision):
    report = get_object_or_404(
        ProgressReport.objects.filter(assignment__in=Assignment.objects.visible_to(request.user, "manage")), pk=pk
    )
    note = _note(request)
    if decision == "accept":
        _run(
            request,
            lambda: services.progress_report_accept(report=report, reviewer=request.user, note=note),
            _("Đã chấp nhận báo cáo: nhiệm vụ hoàn thành."),
        )
    else:
        _run(
            request,
            lambda: services.progress_report_return(report=report, reviewer=request.user, note=note),
            _("Đã trả lại báo cáo."),
        )
    return redirect("assignments:assignment_detail", pk=report.assignment_id)


@login_required
@require_POST
def extension_decide(request, pk, decision):
    extension = get_object_or_404(
        ExtensionRequest.objects.filter(assignment__in=Assignment.objects.visible_to(request.user, "manage")), pk=pk
    )
    note = _note(request)
    if decision == "approve":
        _run(
            request,
            lambda: services.extension_approve(extension=extension, decided_by=request.user, note=note),
            _("Đã đồng ý gia hạn."),
        )
    else:
        _run(
            request,
            lambda: services.extension_refuse(extension=extension, decided_by=request.user, note=note),
            _("Đã không đồng ý gia hạn."),
        )
    return redirect("assignments:assignment_detail", pk=extension.assignment_id)


@login_required
@require_POST
def assignment_cancel(request, pk):
    """Cancelling cannot be undone: the first post shows what follows (who is told, what stops), the second acts."""
    assignment = _assignment(request, pk, "manage")
    if request.POST.get("confirm") != "1":
        note = _note(request).strip()
        if not note:
            messages.error(request, _("Hãy nhập lý do hủy nhiệm vụ."))
            return redirect(assignment)
        return render(
            request,
            "assignments/assignment_cancel_confirm.html",
            {
                "assignment": assignment,
                "note": note,
                "coordinators": assignment.coordinators.all(),
                "pending_reports": assignment.reports.filter(review_state=ReviewState.SUBMITTED).count(),
                "pending_extensions": assignment.extensions.filter(decision=ExtensionDecision.PENDING).count(),
            },
        )
    _run(
        request,
        lambda: services.assignment_cancel(assignment=assignment, cancelled_by=request.user, reason=_note(request)),
        _("Đã hủy nhiệm vụ."),
    )
    return redirect(assignment)


@login_required
@require_POST
def assignment_reassign(request, pk):
    assignment = _assignment(request, pk, "manage")
    form = ReassignForm(request.POST, units=Unit.objects.visible_to(request.user))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(assignment)
    _run(
        request,
        lambda: services.assignment_reassign(
            assignment=assignment, lead_unit=form.cleaned_data["lead_unit"], by=request.user
        ),
        _("Đã giao lại nhiệm vụ."),
    )
    return redirect(assignment)


@login_required
def attachment_download(request, pk):
    """Files are never on a public URL: this view checks that the user sees the assignment."""
    attachment = get_object_or_404(
        Attachment.objects.filter(report__assignment__in=Assignment.objects.visible_to(request.user)), pk=pk
    )
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- Directives: enter, review, issue --------------------------------------------------------


@login_required
def directive_list(request):
    directives = selectors.directive_list(user=request.user).order_by("-date", "-pk")
    if request.GET.get("export") == "xlsx":
        headers, rows = exports.directive_rows(directives)
        return exports.xlsx_response("van-ban-chi-dao.xlsx", headers, rows, title=_("Văn bản chỉ đạo"))
    page = Paginator(directives, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "assignments/directive_list.html", {"page": page, "can_assign": _manageable(request.user).exists()}
    )


@login_required
def directive_new(request):
    issuing_units = _manageable(request.user).active().order_by("short_name")
    if not issuing_units.exists():
        raise PermissionDenied
    form = DirectiveForm(
        request.POST or None,
        request.FILES or None,
        issuing_units=issuing_units,
        directory=Unit.objects.visible_to(request.user).active(),
        initial={"issuing_unit": _top(issuing_units)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            directive = services.directive_create(
                issuing_unit=data["issuing_unit"],
                date=data["date"],
                created_by=request.user,
                text=data["text"],
                number=data["number"],
                title=data["title"],
                signer=data["signer"],
                meeting_date=data["meeting_date"],
                meeting_chair=data["meeting_chair"],
                attending_units=data["attending_units"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Đã đọc được %(n)s nội dung. Hãy kiểm tra trước khi ban hành.") % {"n": directive.items.count()},
            )
            return redirect("assignments:directive_review", pk=directive.pk)
    return render(request, "assignments/directive_new.html", {"form": form})


def _top(units) -> Unit | None:
    """The highest of `units` (whose parent is not among them): the usual issuing unit."""
    ids = {u.pk for u in units}
    return next((u for u in units if u.parent_id not in ids), None)


@login_required
def directive_detail(request, pk):
    directive = get_object_or_404(selectors.directive_list(user=request.user), pk=pk)
    if directive.is_draft:
        return redirect("assignments:directive_review", pk=directive.pk)
    visible = selectors.assignment_list(user=request.user).filter(item__directive=directive)
    items = directive.items.prefetch_related(
        Prefetch("assignments", queryset=visible.order_by("lead_unit__short_name"), to_attr="visible_assignments")
    )
    return render(
        request,
        "assignments/directive_detail.html",
        {
            "directive": directive,
            "items": items,
            "counts": selectors.status_counts(visible),
            "statuses": DASHBOARD_STATUSES,
            "can_publicise": permissions.can(request.user, "manage", directive.issuing_unit_id),
            "history": audit_history(
                directive, allowed=permissions.may_see_history(request.user, [directive.issuing_unit_id])
            ),
        },
    )


# --- Oversight ---------------------------------------------------------------------------------


@login_required
@use_replica
def dashboard(request):
    """Counts by the four statuses, overdue list, completion and reporting rate per unit."""
    filterset = _filtered(request)
    queryset = filterset.qs  # invalid filters are reported (template) and ignored
    export = request.GET.get("export")
    if export == "overdue":
        headers, rows = exports.assignment_rows(selectors.overdue(queryset), with_days_late=True)
        return exports.xlsx_response("nhiem-vu-qua-han.xlsx", headers, rows, title=_("Nhiệm vụ quá hạn"))
    if export == "units":
        headers, rows = exports.unit_rows(selectors.unit_summary(queryset))
        return exports.xlsx_response("ket-qua-theo-don-vi.xlsx", headers, rows, title=_("Kết quả theo đơn vị"))
    query = request.GET.copy()
    query.pop("overdue_page", None)
    query.pop("units", None)
    # The 168-row table per unit is rendered on demand (htmx, or ?units=1 without JavaScript): it was two thirds
    # of the page's CPU (issue 10), and the Excel export holds it too.
    show_units = request.GET.get("units") == "1"
    if show_units and request.htmx:
        return render(
            request,
            "assignments/_unit_results.html",
            {"units": selectors.unit_summary(queryset), "statuses": DASHBOARD_STATUSES},
        )
    counts = selectors.status_counts(queryset)
    today = timezone.localdate()
    status_chart = charts.stacked_bar(
        [(str(s.label), counts.get(s.value, 0), STATUS_COLOURS[s] or "muted") for s in DASHBOARD_STATUSES]
    )
    legend = [(STATUS_COLOURS[s] or "muted", s.label, counts.get(s.value, 0)) for s in DASHBOARD_STATUSES]
    # The overdue list is paged by the database; its count is the overdue tile's, already known. The page's ids
    # come from the assignment table alone (ordered, limited), then only those 50 rows are joined for display:
    # joining first made PostgreSQL join every overdue row before sorting (190 ms at 1,500 overdue).
    overdue = Paginator(selectors.overdue(queryset).values_list("pk", flat=True), PAGE_SIZE)
    overdue.count = counts[AssignmentStatus.OVERDUE]
    overdue_page = overdue.get_page(request.GET.get("overdue_page"))
    shown = queryset.in_bulk(list(overdue_page.object_list))
    overdue_page.object_list = [shown[pk] for pk in overdue_page.object_list]
    return render(
        request,
        "assignments/dashboard.html",
        {
            "filter": filterset,
            "counts": counts,
            "statuses": DASHBOARD_STATUSES,
            "status_chart": status_chart,
            "legend": legend,
            "overdue": overdue_page,
            "units": selectors.unit_summary(queryset) if show_units else None,
            "query": query.urlencode(),
            "period_form": PeriodForm(initial={"start": today.replace(day=1), "end": today}),
        },
    )


@login_required
def status_report(request):
    """The assignments-status report for a period, as a Word document in the state format."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error[0])
        return redirect("assignments:dashboard")
    filterset = _filtered(request)
    queryset = filterset.qs  # invalid filters are reported (template) and ignored
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    content = exports.status_report_docx(queryset=queryset, start=start, end=end, user=request.user)
    return exports.file_response(
        content, f"bao-cao-tinh-hinh-nhiem-vu-{start:%Y%m%d}-{end:%Y%m%d}.docx", exports.DOCX_CONTENT_TYPE
    )


# --- Notifications --------------------------------------------------------------------------------


@login_required
def notifications(request):
    if request.method == "POST":
        services.notification_mark_read(user=request.user)
        return redirect("assignments:notifications")
    items = Notification.objects.filter(recipient=request.user).select_related("assignment")[:200]
    return render(request, "assignments/notifications.html", {"items": items})
