"""The review screen of a draft directive: why each item was read so, quick fixes, names that are
learnt, issuing after a confirmation, deleting the draft."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments import review, selectors, services
from assignments.forms import ItemForm, ItemFormSet
from assignments.models import Directive
from core.errors import ApplicationError
from organizations import permissions
from organizations import services as organization_services


def _draft(request, pk) -> Directive:
    directive = get_object_or_404(selectors.directive_list(user=request.user), pk=pk)
    if not permissions.can(request.user, "manage", directive.issuing_unit_id):
        raise Http404
    return directive


@login_required
def directive_review(request, pk):
    """The review screen: every parsed item editable with why it was read so, names matched to
    units, quick fixes (merge, split, move a unit, add from a sentence), then "Ban hành" after a
    confirmation that says how many tasks for how many units."""
    directive = _draft(request, pk)
    if not directive.is_draft:
        return redirect(directive)
    index = selectors.name_index_for(directive.issuing_unit)
    item_errors: dict[int, list[str]] = {}
    confirm: dict | None = None
    if request.method == "POST":
        action = request.POST.get("action", "check")
        if action == "alias":
            return _alias_answer(request, directive, index)
        formset = ItemFormSet(request.POST, prefix="items")
        if formset.is_valid():
            items = [f.to_input() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            edited, alias = _edit(request, directive, index, items, action)
            try:
                if edited is not None:
                    services.directive_save_items(directive=directive, items=edited, user=request.user)
                    url = reverse("assignments:directive_review", args=[directive.pk])
                    if alias:
                        url += "?" + urlencode({"alias_from": alias[0], "alias_to": alias[1]})
                    return redirect(url)
                if action == "issue" and request.POST.get("confirmed") == "1":
                    created = services.directive_issue(directive=directive, issued_by=request.user, items=items)
                    messages.success(request, _("Đã ban hành: %(n)s nhiệm vụ được giao.") % {"n": len(created)})
                    return redirect(directive)
                services.directive_save_items(directive=directive, items=items, user=request.user)
                if action == "issue":
                    resolved = services.resolve_items(items, index=index)
                    if any(entry.errors for entry in resolved):
                        messages.error(request, _("Chưa ban hành được: hãy sửa các nội dung được đánh dấu."))
                        item_errors = {n: entry.errors for n, entry in enumerate(resolved, start=1) if entry.errors}
                    else:
                        tasks, units = services.issue_counts(resolved, on=directive.date)
                        confirm = {"tasks": tasks, "units": units}
                else:
                    messages.success(request, _("Đã lưu các chỉnh sửa."))
                    return redirect("assignments:directive_review", pk=directive.pk)
            except ApplicationError as exc:
                messages.error(request, exc.message)
                item_errors = {int(k): v for k, v in exc.extra.get("items", {}).items()}
            # Show the edits as submitted, without the deleted rows.
            formset = ItemFormSet(initial=[_initial(i) for i in items], prefix="items")
        else:
            messages.error(request, _("Có ô nhập chưa đúng, hãy xem các ô được đánh dấu."))
    else:
        formset = ItemFormSet(initial=[ItemForm.initial_for(i) for i in directive.items.all()], prefix="items")
    rows = []
    inputs = [_input_of(form) for form in formset.forms]
    resolved = services.resolve_items([i for i in inputs if i is not None], index=index)
    resolved_iter = iter(resolved)
    for number, (form, item) in enumerate(zip(formset.forms, inputs, strict=True), start=1):
        entry = next(resolved_iter) if item is not None else None
        why = item.why if item is not None else {}
        rows.append(
            {
                "form": form,
                "resolved": entry,
                "errors": item_errors.get(number, []),
                "why": review.why_segments(why),
                "rule": review.rule_label(why.get("rule", "none")) if why else "",
            }
        )
    return render(
        request,
        "assignments/directive_review.html",
        {
            "directive": directive,
            "formset": formset,
            "rows": rows,
            "confirm": confirm,
            "alias_question": _alias_question(request, index),
            "sentences": review.notice_sentences(directive.source_text),
        },
    )


def _edit(request, directive, index, items, action: str):
    """The items after a quick fix, and a spelling to offer as an alias; (None, None) when
    `action` is not a quick fix. Numbers in actions are 1-based item numbers."""
    parts = action.split("|")
    kind, numbers = parts[0], []
    try:
        numbers = [int(x) for x in parts[1:3] if x.isdecimal()]
    except ValueError:
        return None, None
    if kind == "merge" and numbers:
        return review.merge(items, numbers[0] - 1), None
    if kind == "split" and numbers:
        return review.split(items, numbers[0] - 1), None
    if kind in ("tocoord", "tolead") and len(numbers) == 2:
        return review.move_unit(items, numbers[0] - 1, numbers[1], to_coordinators=kind == "tocoord"), None
    if kind == "add":
        sentence = request.POST.get("sentence", "")
        if sentence not in review.notice_sentences(directive.source_text):
            return items, None
        item = review.item_from_sentence(sentence, known_units=index.names(), reference=directive.date)
        return [*items, item], None
    if kind == "use" and len(parts) == 5 and parts[1].isdecimal() and parts[2] in ("recipients", "coordinators"):
        n, field, old, new = int(parts[1]) - 1, parts[2], parts[3], parts[4]
        if not 0 <= n < len(items):
            return items, None
        names = [new if name == old else name for name in getattr(items[n], field)]
        items[n] = dataclasses.replace(items[n], **{field: names})
        return items, ((old, new) if index.unit(new) is not None and not index.match(old).matched else None)
    return None, None


def _alias_question(request, index) -> dict | None:
    """After a suggestion was chosen: may the spelling be kept as another name of that unit?"""
    old, new = request.GET.get("alias_from", ""), request.GET.get("alias_to", "")
    if not old or not new or len(old) > 300:
        return None
    unit = index.unit(new)
    if unit is None or index.match(old).matched or not permissions.can(request.user, "manage", unit.pk):
        return None
    return {"from": old, "to": unit}


def _alias_answer(request, directive, index):
    old, new = request.POST.get("alias_from", ""), request.POST.get("alias_to", "")
    unit = index.unit(new)
    if unit is None:
        messages.error(request, _("Không tìm thấy đơn vị «%(name)s».") % {"name": new})
    else:
        try:
            alias = organization_services.unit_alias_add(user=request.user, unit=unit, name=old)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            if alias is not None:
                messages.success(
                    request,
                    _("Đã lưu «%(alias)s» là tên gọi khác của %(unit)s: lần sau hệ thống tự nhận.")
                    % {"alias": alias.name, "unit": unit},
                )
    return redirect("assignments:directive_review", pk=directive.pk)


@login_required
@require_POST
def directive_delete(request, pk):
    directive = _draft(request, pk)
    try:
        services.directive_delete(directive=directive, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(directive)
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("assignments:directive_list")


def _initial(item: services.ItemInput) -> dict:
    return {
        "kind": item.kind,
        "recipients": "\n".join(item.recipients),
        "coordinators": "\n".join(item.coordinators),
        "deadline": item.deadline,
        "content": item.content,
        "raw_text": item.raw_text,
        "why": json.dumps(item.why or {}, ensure_ascii=False),
    }


def _input_of(form) -> services.ItemInput | None:
    """The item a form shows, bound or not (for matching names on the review screen)."""
    if form.is_bound:
        return form.to_input() if form.is_valid() else None
    try:
        why = json.loads(form.initial.get("why") or "{}")
    except ValueError:
        why = {}
    return services.ItemInput(
        content=form.initial.get("content", ""),
        recipients=[n for n in (form.initial.get("recipients") or "").splitlines() if n.strip()],
        coordinators=[n for n in (form.initial.get("coordinators") or "").splitlines() if n.strip()],
        deadline=form.initial.get("deadline"),
        kind=form.initial.get("kind", "assign"),
        why=why if isinstance(why, dict) else {},
    )
