from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.exports import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.periods import Period, year
from onestop.selectors import unit_tree_ids
from organizations import permissions
from organizations.models import Unit
from surveys import exports, ratelimit, selectors, services
from surveys.choices import CommentStatus
from surveys.forms import AnswerForm, FiguresFilterForm, PaperEntryForm, PublicAnswerForm, SampleForm
from surveys.models import Response


def _questionnaire_or_404():
    questionnaire = selectors.active_questionnaire()
    if questionnaire is None:
        raise Http404
    return questionnaire, selectors.questionnaire_with_questions(questionnaire)


def _public(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site; POSTs keep their Origin
    return response


@never_cache
def answer_by_token(request, token: str):
    """A citizen scanned the QR slip of a dossier: no login, one answer per dossier."""
    survey_token = selectors.token_get(token)
    if survey_token is None:
        raise Http404
    questionnaire = survey_token.questionnaire
    factors = selectors.questionnaire_with_questions(questionnaire)
    context = {"unit": survey_token.unit, "questionnaire": questionnaire, "dossier_code": survey_token.dossier.code}
    if Response.objects.filter(dossier_id=survey_token.dossier_id).exists():
        context["refused"] = _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được trả lời một lần. Xin cảm ơn!")
        return _public(request, "surveys/public_done.html", context, status=409)
    form = AnswerForm(request.POST or None, questionnaire=questionnaire, factors=factors)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit_by_token(
                survey_token=survey_token, answers=form.answers(), comment=form.cleaned_data.get("comment", "")
            )
        except ApplicationError as exc:
            context["refused"] = exc.message
            return _public(request, "surveys/public_done.html", context, status=409)
        return _public(request, "surveys/public_done.html", context)
    return _public(request, "surveys/public_form.html", {**context, "form": form})


@never_cache
def answer_public(request, unit_code: str):
    """A unit's public form, without a dossier: rate-limited per client address, with a honeypot."""
    unit = get_object_or_404(Unit, code=unit_code)
    questionnaire, factors = _questionnaire_or_404()
    context = {"unit": unit, "questionnaire": questionnaire, "public": True}
    form = PublicAnswerForm(request.POST or None, questionnaire=questionnaire, factors=factors)
    if request.method == "POST":
        if not ratelimit.allowed(request):
            context["refused"] = _("Đã nhận quá nhiều phiếu từ kết nối này. Xin vui lòng thử lại sau.")
            return _public(request, "surveys/public_done.html", context, status=429)
        if form.is_valid():
            ratelimit.hit(request)
            if form.cleaned_data.get("website"):  # a bot filled the hidden field: thank it, keep nothing
                return _public(request, "surveys/public_done.html", context)
            try:
                services.response_submit_public(
                    questionnaire=questionnaire,
                    unit=unit,
                    answers=form.answers(),
                    comment=form.cleaned_data.get("comment", ""),
                )
            except ApplicationError as exc:
                context["refused"] = exc.message
                return _public(request, "surveys/public_done.html", context, status=400)
            return _public(request, "surveys/public_done.html", context)
    return _public(request, "surveys/public_form.html", {**context, "form": form})


def _visible_units(user):
    return permissions.scoped(Unit.objects.all(), user, "view", field="pk").order_by("short_name")


def _changeable_units(user):
    return permissions.scoped(Unit.objects.all(), user, "change", field="pk").order_by("short_name")


def _scope_ids(user, unit: Unit | None) -> set[int] | None:
    visible = permissions.unit_ids(user, "view")
    if unit is None:
        return visible
    subtree = set(unit_tree_ids(unit))
    return subtree if visible is None else subtree & visible


@login_required
def dashboard(request):
    """Per-unit and per-factor figures, the monthly trend and the comments awaiting moderation."""
    form = FiguresFilterForm(request.GET or None, units=_visible_units(request.user))
    period: Period = year(timezone.localdate().year)
    unit = None
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["period"] or period
        unit = form.cleaned_data["unit"]
    ids = _scope_ids(request.user, unit)
    figures = selectors.satisfaction_figures(start=period.start, end=period.end, unit_ids=ids)
    changeable = permissions.unit_ids(request.user, "change")
    comment_rows = list(selectors.comments(start=period.start, end=period.end, unit_ids=ids)[:100])
    for row in comment_rows:
        row.can_moderate = changeable is None or row.unit_id in changeable
    trend = selectors.monthly_index(start=period.start, end=period.end, unit_ids=ids)
    for i, month in enumerate(trend):  # bar geometry of the SVG chart (50 units = 100 %)
        month["x"], month["h"] = i * 10 + 2, round((month["index"] or 0) * 50)
        month["y"] = 55 - month["h"]
    context = {
        "form": form,
        "period": period,
        "figures": figures,
        "trend": trend,
        "chart_width": len(trend) * 10 + 4,
        "comments": comment_rows,
        "can_enter": changeable is None or bool(changeable),
        "pending": CommentStatus.PENDING,
    }
    return render(request, "surveys/dashboard.html", context)


@login_required
@require_POST
def moderate(request, pk: int):
    response = get_object_or_404(permissions.scoped(Response.objects.all(), request.user, "view"), pk=pk)
    try:
        services.comment_moderate(user=request.user, response=response, approve=request.POST.get("action") == "approve")
        messages.success(request, _("Đã cập nhật ý kiến."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    target = request.POST.get("next", "")
    # Only a path of this site: redirect() would take any other word for a view name (NoReverseMatch).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("surveys:dashboard")


@login_required
def paper_entry(request):
    units = _changeable_units(request.user)
    if not units.exists():
        raise Http404
    questionnaire, factors = _questionnaire_or_404()
    form = PaperEntryForm(request.POST or None, questionnaire=questionnaire, factors=factors, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_enter_paper(
                user=request.user,
                questionnaire=questionnaire,
                unit=form.cleaned_data["unit"],
                answered_on=form.cleaned_data["answered_on"],
                answers=form.answers(),
                comment=form.cleaned_data.get("comment", ""),
                dossier_code=form.cleaned_data.get("dossier_code", ""),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu phiếu giấy."))
            return redirect("surveys:paper_entry")
    return render(request, "surveys/paper_entry.html", {"form": form, "questionnaire": questionnaire})


@login_required
def sample(request):
    """Pick a random sample of the period's dossiers (n = N / (1 + N·e²)) and download their slips."""
    units = _changeable_units(request.user)
    if not units.exists():
        raise Http404
    questionnaire, _factors = _questionnaire_or_404()
    form = SampleForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit, period, fmt = form.cleaned_data["unit"], form.cleaned_data["period"], form.cleaned_data["fmt"]
        try:
            tokens = services.tokens_for_sample(
                user=request.user,
                questionnaire=questionnaire,
                unit_ids=unit_tree_ids(unit),
                start=period.start,
                end=period.end,
                margin=form.cleaned_data["margin"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            rows = [
                {
                    "dossier": t.dossier.code,
                    "unit": t.unit.short_name,
                    "received_on": t.dossier.received_on,
                    "link": request.build_absolute_uri(reverse("surveys:answer", args=[t.token])),
                }
                for t in tokens
            ]
            title = _("Mẫu khảo sát %(unit)s, %(start)s – %(end)s: %(n)s hồ sơ") % {
                "unit": unit.short_name,
                "start": period.start.strftime("%d/%m/%Y"),
                "end": period.end.strftime("%d/%m/%Y"),
                "n": len(rows),
            }
            stamp = dt.date.today().isoformat()
            if fmt == "docx":
                content = exports.slips_docx(rows, title, unit.display_name)
                return file_response(content, f"phieu-khao-sat-{stamp}.docx", DOCX_CONTENT_TYPE)
            return file_response(exports.slips_xlsx(rows, title), f"phieu-khao-sat-{stamp}.xlsx", XLSX_CONTENT_TYPE)
    return render(request, "surveys/sample.html", {"form": form})
