from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import uploads
from core.errors import ApplicationError
from core.exports import xlsx_response
from organizations import permissions
from organizations.models import Unit
from quality import services
from quality.forms import (
    CorrectiveActionForm,
    DocumentUpdateForm,
    FollowupForm,
    ImportUploadForm,
    LegalUpdateForm,
    ReviewForm,
    SystemForm,
)
from quality.models import QualityDocument, QualityReview, QualitySystem
from quality.selectors import system_state, system_states, systems_visible, units_without_system


@login_required
def overview(request):
    """One row per unit: flags, documents to update; the flagged units chosen become assignments."""
    today = timezone.localdate()
    states = system_states(systems=systems_visible(request.user), on=today)
    manage = permissions.unit_ids(request.user, "manage")
    form = FollowupForm(request.POST or None)
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("systems") if pk.isdecimal()}  # isdigit() lets "²" in
        selected = [s for s in states if s.system.pk in chosen and s.flags and not s.system.host_id]
        if not form.is_valid():
            messages.error(request, _("Thời hạn không hợp lệ (dd/mm/yyyy)."))
        elif not selected:
            messages.error(request, _("Chưa chọn đơn vị nào cần cập nhật."))
        else:
            try:
                created = services.followups_create(
                    states=selected, by=request.user, deadline=form.cleaned_data["deadline"]
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã giao %(n)s nhiệm vụ cập nhật hệ thống ISO.") % {"n": len(created)})
        return redirect("quality:overview")
    if request.GET.get("export") == "xlsx":
        headers = [_("STT"), _("Đơn vị"), _("Dùng chung của"), _("Số quy trình"), _("Cần cập nhật"), _("Cảnh báo")]
        rows = [
            [
                i,
                s.unit.short_name,
                s.system.host.unit.short_name if s.system.host else "",
                len(s.documents),
                s.to_update,
                "; ".join(str(f.label) for f in s.flags),
            ]
            for i, s in enumerate(states, 1)
        ]
        title = _("Rà soát hệ thống ISO 9001 ngày %(d)s") % {"d": today.strftime("%d/%m/%Y")}
        return xlsx_response("ra-soat-iso.xlsx", headers, rows, title=title)
    context = {
        "states": states,
        "flagged": sum(1 for s in states if s.flags),
        "form": form,
        "can_assign": {s.system.pk for s in states if not s.system.host_id and (manage is None or s.unit.pk in manage)},
        "can_import": request.user.is_superuser or bool(permissions.unit_ids(request.user, "change")),
        "undeclared": units_without_system(request.user),
        # Declaring needs "change": a viewer sees the unit's name without a link to a page that refuses them.
        "can_declare": permissions.unit_ids(request.user, "change"),
    }
    return render(request, "quality/overview.html", context)


@login_required
def system_detail(request, pk):
    system = get_object_or_404(systems_visible(request.user).select_related("unit"), pk=pk)
    can_change = permissions.can(request.user, "change", system.unit_id)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        return _post_detail(request, system)
    state = system_state(system=system, on=timezone.localdate())
    effective = system.effective
    context = {
        "system": system,
        "state": state,
        "effective": effective,
        "can_change": can_change and effective.pk == system.pk,
        "reviews": effective.reviews.prefetch_related("actions__assignment__lead_unit"),
        "legal_updates": effective.legal_updates.all()[:20],
        "update_form": DocumentUpdateForm(),
        "review_form": ReviewForm(),
        "action_form": CorrectiveActionForm(units=_action_units(request.user)),
        "legal_form": LegalUpdateForm(),
    }
    return render(request, "quality/system.html", context)


def _post_detail(request, system):
    action = request.POST.get("action")
    try:
        if action == "update_document":
            document = get_object_or_404(QualityDocument, pk=_int(request.POST.get("document")), system=system)
            form = DocumentUpdateForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ApplicationError(_("Thông tin lần ban hành mới không hợp lệ."))
            services.document_update(document=document, by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã cập nhật quy trình %(code)s.") % {"code": document.code})
        elif action == "add_action":
            form = CorrectiveActionForm(request.POST, units=_action_units(request.user))
            if not form.is_valid():
                raise ApplicationError(_("Thông tin hành động khắc phục không hợp lệ."))
            review = get_object_or_404(QualityReview, pk=form.cleaned_data["review"], system=system)
            services.corrective_action_create(
                review=review,
                by=request.user,
                content=form.cleaned_data["content"],
                lead_unit=form.cleaned_data["lead_unit"],
                deadline=form.cleaned_data["deadline"],
            )
            messages.success(request, _("Đã giao hành động khắc phục thành nhiệm vụ."))
        elif action == "add_legal_update":
            form = LegalUpdateForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Thông tin văn bản không hợp lệ."))
            services.legal_update_create(system=system, by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận."))
        elif action == "add_review":
            form = ReviewForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ApplicationError(_("Thông tin đánh giá không hợp lệ."))
            services.review_create(system=system, by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận."))
        else:
            raise ApplicationError(_("Thao tác không hợp lệ."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("quality:system", pk=system.pk)


def _action_units(user):
    return permissions.scoped(Unit.objects.order_by("short_name"), user, "change", field="pk")


@login_required
def system_settings(request, unit_pk):
    """Declare or edit a unit's system: own or shared, scope, announcement."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not permissions.can(request.user, "view", unit.pk):
        raise Http404
    if not permissions.can(request.user, "change", unit.pk):
        raise PermissionDenied
    system = QualitySystem.objects.filter(unit=unit).first()
    hosts = systems_visible(request.user).filter(host__isnull=True).exclude(unit=unit).select_related("unit")
    initial = {}
    if system is not None:
        initial = {
            "host": system.host,
            "scope_codes": "; ".join(system.scope.values_list("code", flat=True)),
            "announcement_number": system.announcement_number,
            "announcement_date": system.announcement_date,
        }
    form = SystemForm(request.POST or None, request.FILES or None, hosts=hosts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            system = services.quality_system_save(unit=unit, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu hệ thống của %(unit)s.") % {"unit": unit.short_name})
            return redirect("quality:system", pk=system.pk)
    return render(request, "quality/settings.html", {"unit": unit, "form": form, "system": system})


def _int(value) -> int:
    return int(value) if value and str(value).isdecimal() else 0


@login_required
def import_documents(request):
    """Upload → preview (every error named, nothing written) → confirm, for ISO document lists."""
    if not (request.user.is_superuser or permissions.unit_ids(request.user, "change")):
        raise PermissionDenied
    return uploads.import_page(
        request,
        importer=uploads.Importer(services.documents_import, services.DOCUMENT_COLUMNS),
        form_class=ImportUploadForm,
        template="quality/import.html",
        again="quality:import",
        done="quality:overview",
    )


FILE_FIELDS = {
    "cong-bo": (QualitySystem, "announcement_file", "unit_id"),
    "quy-trinh": (QualityDocument, "file", "system__unit_id"),
    "bao-cao": (QualityReview, "report_file", "system__unit_id"),
}


@login_required
def file_download(request, kind, pk):
    """Files are served only here, after the same view check as the record they belong to; a unit sharing a
    host's system may read the host's files."""
    if kind not in FILE_FIELDS:
        raise Http404
    model, field, unit_path = FILE_FIELDS[kind]
    obj = get_object_or_404(model, pk=pk)
    owner = obj if model is QualitySystem else obj.system
    readers = {owner.unit_id, *owner.sharing.values_list("unit_id", flat=True)}
    if not any(permissions.can(request.user, "view", unit_id) for unit_id in readers):
        raise Http404
    stored = getattr(obj, field)
    if not stored:
        raise Http404
    name = f"{kind}-{pk}.{stored.name.rsplit('.', 1)[-1]}" if "." in stored.name else f"{kind}-{pk}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)
