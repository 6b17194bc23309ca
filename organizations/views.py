from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from core import uploads
from core.errors import ApplicationError
from core.exports import xlsx_response
from core.selectors import audit_history
from core.tabular import ImportFailed
from organizations import permissions
from organizations.filtersets import MembershipFilterSet, UnitFilterSet
from organizations.forms import ImportForm, UnitForm, UnitGroupForm
from organizations.models import Membership, Unit, UnitGroup
from organizations.selectors import unit_group_members, unit_tree
from organizations.services import unit_set_aliases, units_export_rows, units_import
from organizations.tables import MembershipTable, UnitTable


@login_required
def unit_list(request):
    units = Unit.objects.visible_to(request.user)
    filterset = UnitFilterSet(request.GET, queryset=units.select_related("level", "parent"))
    if request.GET.get("export") == "xlsx":
        headers, rows = units_export_rows(filterset.qs)
        return xlsx_response("don-vi.xlsx", headers, rows, title=_("Danh sách cơ quan, đơn vị"))
    if request.GET.get("view") == "table" or request.GET.get("q"):
        table = UnitTable(filterset.qs)
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        return render(request, "organizations/unit_table.html", {"table": table, "filter": filterset})
    return render(
        request,
        "organizations/unit_tree.html",
        {"units": unit_tree(units), "filter": filterset, "can_manage": request.user.is_superuser},
    )


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("level", "parent", "successor"), pk=pk
    )
    context = {
        "unit": unit,
        "children": unit.children.all().order_by("short_name"),
        "aliases": unit.aliases.all(),
        "predecessors": unit.predecessors.all(),
        "members": unit.memberships.filter(is_active=True).select_related("user")
        if permissions.can(request.user, "view", unit.pk)
        else None,
        "groups": UnitGroup.objects.filter(owner=unit),
        "can_edit": permissions.can(request.user, "manage", unit.pk) and request.user.is_superuser,
        "history": audit_history(unit, allowed=permissions.may_see_history(request.user, [unit.pk])),
    }
    return render(request, "organizations/unit_detail.html", context)


def _require_admin(user):
    # Editing the unit tree itself is a system-administration task.
    if not user.is_superuser:
        raise PermissionDenied


@login_required
def unit_edit(request, pk=None):
    _require_admin(request.user)
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            unit = form.save()
            unit_set_aliases(unit=unit, names=form.cleaned_data["aliases_text"].splitlines())
        messages.success(request, _("Đã lưu đơn vị %(name)s.") % {"name": unit})
        return redirect(unit)
    return render(request, "organizations/unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_import(request):
    """Upload → preview (every error, the summary; nothing written) → confirm → import."""
    _require_admin(request.user)
    if request.method == "POST" and request.POST.get("token"):
        try:
            summary = uploads.run_staged(
                request.user, request.POST["token"], units_import, filename=request.POST.get("filename")
            )
        except FileNotFoundError:
            messages.error(request, uploads.EXPIRED)
            return redirect("organizations:unit_import")
        except ApplicationError as exc:  # ImportFailed included
            messages.error(request, exc.message)
            return redirect("organizations:unit_import")
        messages.success(request, _("Đã nhập đơn vị: %(summary)s.") % {"summary": summary})
        return redirect("organizations:unit_list")
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "errors": []}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["summary"] = uploads.dry_run(units_import, source=upload, filename=upload.name)
        except ImportFailed as exc:
            context["errors"] = exc.errors
            messages.error(request, exc.message)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            context.update(token=uploads.stage(request.user, upload), filename=upload.name)
    return render(request, "organizations/unit_import.html", context)


@login_required
def group_detail(request, pk):
    group = get_object_or_404(UnitGroup.objects.filter(owner__in=Unit.objects.visible_to(request.user)), pk=pk)
    return render(
        request,
        "organizations/group_detail.html",
        {
            "group": group,
            "members": unit_group_members(group),
            "history": audit_history(group, allowed=permissions.may_see_history(request.user, [group.owner_id])),
        },
    )


@login_required
def group_edit(request, pk=None):
    _require_admin(request.user)
    group = get_object_or_404(UnitGroup, pk=pk) if pk else None
    form = UnitGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, _("Đã lưu nhóm đơn vị."))
        return redirect("organizations:group_detail", pk=group.pk)
    return render(request, "organizations/group_form.html", {"form": form, "group": group})


@login_required
def group_list(request):
    groups = UnitGroup.objects.filter(owner__in=Unit.objects.visible_to(request.user)).select_related("owner")
    return render(request, "organizations/group_list.html", {"groups": groups})


@login_required
def people(request):
    memberships = permissions.scoped(
        Membership.objects.filter(is_active=True).select_related("user", "unit"), request.user, "view"
    )
    filterset = MembershipFilterSet(request.GET, queryset=memberships)
    table = MembershipTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "organizations/people.html", {"table": table, "filter": filterset})
