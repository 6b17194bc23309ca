"""Plan pages: list, import (upload → preview → confirm through core.uploads), plan page with progress
bars, exports, the register of units' own plans with its reminder, and the plan file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import uploads
from core.errors import ApplicationError
from core.exports import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.tabular import ImportFailed
from organizations import permissions
from plans import exports, selectors, services
from plans.choices import REGISTER_COLOURS
from plans.forms import PlanFilterForm, PlanImportForm, PlanRegisterForm, RequirementForm
from plans.models import PlanRequirement


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _plan(request, pk):
    return get_object_or_404(selectors.plan_list(user=request.user), pk=_int_or_404(pk))


def _can_manage_any(user) -> bool:
    return user.is_superuser or bool(permissions.unit_ids(user, "manage"))


@login_required
def plan_list(request):
    form = PlanFilterForm(request.GET or None)
    plans = selectors.plan_list(user=request.user)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["kind"]:
            plans = plans.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["year"]:
            plans = plans.filter(year=form.cleaned_data["year"])
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "plans": plans[:200],
            "requirements": selectors.requirement_list(user=request.user)[:50],
            "can_import": _can_manage_any(request.user),
        },
    )


def _preview_context(form, upload_bytes: bytes, filename: str, user) -> dict:
    header = form.header()
    preview = services.plan_read(
        source=upload_bytes,
        filename=filename,
        year=header["year"],
        index=services.name_index(header["issuing_unit"]),
        user=user,
    )
    return {"preview": preview, "errors": preview.errors}


@login_required
def plan_import(request):
    """Step 1: the file and the plan's particulars → preview (sections, tasks, units matched or not with
    suggestions, deadlines; nothing written). Step 2: confirm → the plan and its assignments."""
    if not _can_manage_any(request.user):
        raise PermissionDenied
    form = PlanImportForm(request.POST or None, request.FILES or None, user=request.user)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        token = request.POST.get("token", "")
        if token:
            try:
                summary = uploads.run_staged(
                    request.user,
                    token,
                    services.plan_import,
                    filename=request.POST.get("filename", "ke-hoach.docx"),
                    created_by=request.user,
                    **form.header(),
                )
            except FileNotFoundError:
                messages.error(request, uploads.EXPIRED)
                return redirect("plans:plan_import")
            except ImportFailed as exc:
                context.update({"errors": exc.errors, "message": exc.message})
                return render(request, "plans/plan_import.html", context)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                return render(request, "plans/plan_import.html", context)
            messages.success(request, _("Đã nhập kế hoạch: %(s)s") % {"s": summary})
            return redirect(summary.plan.get_absolute_url())
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", _("Hãy chọn tệp kế hoạch."))
        else:
            data = upload.read()
            try:
                context.update(_preview_context(form, data, upload.name, request.user))
            except ApplicationError as exc:
                form.add_error("file", exc.message)
            else:
                context["filename"] = upload.name
                if not context["errors"]:
                    context["token"] = uploads.stage(request.user, upload)
    return render(request, "plans/plan_import.html", context)


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    progress = selectors.plan_progress(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "progress": progress,
            "total_rows": [progress.total],
            "children": selectors.plan_list(user=request.user).filter(parent=plan),
        },
    )


@login_required
def plan_export(request, pk, fmt):
    if fmt not in ("xlsx", "docx"):
        raise Http404
    plan = _plan(request, pk)
    progress = selectors.plan_progress(plan)
    stem = f"tien-do-ke-hoach-{plan.pk}"
    if fmt == "xlsx":
        return file_response(exports.plan_xlsx(plan, progress), f"{stem}.xlsx", XLSX_CONTENT_TYPE)
    return file_response(exports.plan_docx(plan, progress), f"{stem}.docx", DOCX_CONTENT_TYPE)


@login_required
def plan_file(request, pk):
    """The plan's document, only after the same check as the plan page."""
    plan = _plan(request, pk)
    if not plan.file:
        raise Http404
    return FileResponse(plan.file.open("rb"), as_attachment=True, filename=plan.file.name.rsplit("/", 1)[-1])


# --- Register ----------------------------------------------------------------------------------


@login_required
def requirement_create(request):
    if not _can_manage_any(request.user):
        raise PermissionDenied
    form = RequirementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            requirement = services.requirement_set(by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu yêu cầu ban hành kế hoạch."))
            return redirect(requirement.get_absolute_url())
    return render(request, "plans/requirement_form.html", {"form": form})


def _requirement(request, pk) -> PlanRequirement:
    return get_object_or_404(selectors.requirement_list(user=request.user), pk=_int_or_404(pk))


@login_required
def register(request, pk):
    """Which units issued their own plan of the kind and year (number, date, file, on time or late)."""
    requirement = _requirement(request, pk)
    rows = selectors.register_rows(requirement=requirement)
    units = [row.unit for row in rows]
    form = PlanRegisterForm(request.POST or None, request.FILES or None, user=request.user, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_register(
                kind=requirement.kind,
                year=requirement.year,
                created_by=request.user,
                parent=requirement.parent_plan,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận kế hoạch của đơn vị."))
            return redirect(requirement.get_absolute_url())
    view_ids = permissions.unit_ids(request.user, "view")
    visible_plans = set(selectors.plan_list(user=request.user).values_list("pk", flat=True))
    entries = [
        {
            "row": row,
            "colour": REGISTER_COLOURS[row.state],
            "can_open": row.plan is not None and row.plan.pk in visible_plans,
            "visible": view_ids is None or row.unit.pk in view_ids,
        }
        for row in rows
    ]
    missing = sum(1 for row in rows if row.plan is None)
    return render(
        request,
        "plans/register.html",
        {
            "requirement": requirement,
            "entries": entries,
            "missing": missing,
            "issued": len(rows) - missing,
            "can_remind": permissions.can(request.user, "manage", requirement.requiring_unit_id),
            "form": form if form.fields["issuing_unit"].queryset.exists() else None,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def register_remind(request, pk):
    requirement = _requirement(request, pk)
    try:
        sent = services.register_remind(requirement=requirement, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi %(n)s thông báo nhắc các đơn vị chưa ban hành kế hoạch.") % {"n": sent})
    return redirect(requirement.get_absolute_url())
