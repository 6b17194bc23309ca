import hashlib
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from core import charts, uploads
from core.errors import ApplicationError
from core.exports import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.selectors import audit_history
from core.tabular import ImportFailed
from organizations import permissions
from organizations.models import Unit
from parindex import exports, services
from parindex.choices import AssessmentStatus
from parindex.conf import published_visible_to
from parindex.forms import (
    CopySetForm,
    CriteriaImportForm,
    CriterionForm,
    EvidenceForm,
    OpenAssessmentsForm,
    SelfScoreForm,
)
from parindex.models import CriteriaSet, Criterion, Evidence, RankingBand, Score
from parindex.selectors import (
    assessment_rows,
    assessment_totals,
    assessments_visible_to,
    can_appraise,
    can_edit,
    evidence_candidates,
    other_evidence_candidates,
    points_lost,
    ranking,
)


def _can_manage_sets(user) -> bool:
    """Import and copy sets: a focal point (for its unit) or an administrator."""
    return permissions.may_edit_catalogues(user)


def _visible_sets(user):
    return permissions.catalogue_visible(CriteriaSet.objects.all(), user)


@login_required
def set_list(request):
    sets = _visible_sets(request.user)
    return render(request, "parindex/set_list.html", {"sets": sets, "can_manage": _can_manage_sets(request.user)})


@login_required
def set_import(request):
    """Upload → preview (summary, the tree, every error; nothing written) → confirm → import."""
    if not _can_manage_sets(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        try:
            criteria_set, summary = uploads.run_staged(
                request.user,
                request.POST["token"],
                services.criteria_import,
                filename=request.POST.get("filename"),
                year=int(request.POST.get("year", "0")),
                name=request.POST.get("name", ""),
            )
        except (FileNotFoundError, ValueError):
            messages.error(request, uploads.EXPIRED)
            return redirect("parindex:set_import")
        except ApplicationError as exc:  # ImportFailed included
            messages.error(request, exc.message)
            return redirect("parindex:set_import")
        messages.success(request, _("Đã nhập: %(s)s.") % {"s": summary})
        return redirect("parindex:set_detail", pk=criteria_set.pk)
    form = CriteriaImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": []}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kwargs = {"filename": upload.name, "year": form.cleaned_data["year"], "name": form.cleaned_data["name"]}
        try:
            preview_set, summary = uploads.dry_run(services.criteria_import, source=upload, user=request.user, **kwargs)
        except ImportFailed as exc:
            context["errors"] = exc.errors
            messages.error(request, exc.message)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            context.update(summary=summary, token=uploads.stage(request.user, upload), **kwargs)
    return render(request, "parindex/set_import.html", context)


@login_required
def set_detail(request, pk):
    criteria_set = get_object_or_404(_visible_sets(request.user), pk=pk)
    can_copy = _can_manage_sets(request.user)
    can_change = permissions.can_change_catalogue(request.user, criteria_set.owner_unit_id)
    manage = permissions.unit_ids(request.user, "manage")
    can_open = manage is None or bool(manage)
    units = Unit.objects.all() if manage is None else Unit.objects.filter(pk__in=manage)
    open_form = OpenAssessmentsForm(None, units=units.order_by("short_name"))
    copy_form = CopySetForm(None)
    if request.method == "POST":
        action = request.POST.get("action")
        allowed = {"open": can_open, "copy": can_copy, "criterion": can_change}
        if not allowed.get(action, False):
            raise PermissionDenied
        try:
            if action == "open":
                open_form = OpenAssessmentsForm(request.POST, units=units)
                if open_form.is_valid():
                    for unit in open_form.cleaned_data["units"]:
                        services.assessment_open(
                            criteria_set=criteria_set,
                            unit=unit,
                            deadline=open_form.cleaned_data["deadline"],
                            assign_work_by=request.user if open_form.cleaned_data["assign_work"] else None,
                        )
                    messages.success(request, _("Đã mở tự đánh giá cho các đơn vị đã chọn."))
                    return redirect(request.path)
            elif action == "copy":
                copy_form = CopySetForm(request.POST)
                if copy_form.is_valid():
                    new = services.criteria_set_copy(source=criteria_set, user=request.user, **copy_form.cleaned_data)
                    messages.success(request, _("Đã sao chép bộ chỉ số."))
                    return redirect("parindex:set_detail", pk=new.pk)
            elif action == "criterion":
                criterion_id = request.POST.get("criterion", "")
                if not criterion_id.isdecimal():
                    raise Http404
                criterion = get_object_or_404(Criterion, pk=criterion_id, criteria_set=criteria_set)
                form = CriterionForm(request.POST)
                if form.is_valid():
                    services.criterion_update(criterion=criterion, **form.cleaned_data)
                    messages.success(request, _("Đã lưu tiêu chí %(c)s.") % {"c": criterion.code})
                else:
                    messages.error(request, _("Nội dung tiêu chí không được để trống."))
                return redirect(request.path)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    visible = assessments_visible_to(request.user).filter(criteria_set=criteria_set)
    criteria = list(criteria_set.criteria.order_by("position"))
    if can_change:
        for criterion in criteria:
            criterion.form = CriterionForm(initial=model_to_dict(criterion), auto_id=f"c{criterion.pk}_%s")
    return render(
        request,
        "parindex/set_detail.html",
        {
            "set": criteria_set,
            "criteria": criteria,
            "assessments": visible,
            "can_manage": can_open,
            "can_copy": can_copy,
            "can_change": can_change,
            "open_form": open_form,
            "copy_form": copy_form,
        },
    )


def _assessment_for(request, pk):
    return get_object_or_404(assessments_visible_to(request.user), pk=pk)


@login_required
def assessment_detail(request, pk):
    assessment = _assessment_for(request, pk)
    appraiser = can_appraise(request.user, assessment)
    if request.method == "POST":
        return _assessment_action(request, assessment, appraiser)
    rows = assessment_rows(assessment, with_suggestions=assessment.status == AssessmentStatus.DRAFT)
    return render(
        request,
        "parindex/assessment_detail.html",
        {
            "assessment": assessment,
            "rows": rows,
            "totals": assessment_totals(assessment, rows),
            "can_edit": can_edit(request.user, assessment),
            "can_appraise": appraiser,
            "history": audit_history(
                assessment,
                allowed=permissions.may_see_history(request.user, [assessment.unit_id, assessment.unit.parent_id]),
            ),
        },
    )


def _assessment_action(request, assessment, appraiser):
    """Submit, finish and publish cannot be undone: each asks for a confirmation that says what follows."""
    action = request.POST.get("action")
    confirmed = request.POST.get("confirm") == "1"
    try:
        if action == "submit":
            if not can_edit(request.user, assessment):
                raise PermissionDenied
            if not confirmed:
                return _confirm(request, assessment, action)
            services.assessment_submit(assessment=assessment, user=request.user)
            messages.success(request, _("Đã gửi bản tự đánh giá để thẩm định."))
        elif action in ("appraise", "finish"):
            if not appraiser:
                raise PermissionDenied
            if not (action == "finish" and confirmed):
                # Saving the scores typed on the page comes first; "finish" then asks to confirm the result.
                decisions = _decisions(request, assessment)
                services.assessment_appraise(
                    assessment=assessment, decisions=decisions, finish=False, user=request.user
                )
                if action == "finish":
                    return _confirm(request, assessment, action)
                messages.success(request, _("Đã lưu điểm thẩm định (chưa hoàn thành thẩm định)."))
            else:
                services.assessment_appraise(assessment=assessment, decisions={}, finish=True, user=request.user)
                total = assessment_totals(assessment).appraised_total
                messages.success(
                    request,
                    _("Đã hoàn thành thẩm định: tổng điểm thẩm định %(total)s. Kết quả chờ công bố.")
                    % {"total": floatformat(total, -2)},
                )
        elif action == "publish":
            if not appraiser:
                raise PermissionDenied
            if not confirmed:
                return _confirm(request, assessment, action)
            services.assessment_publish(assessment=assessment, user=request.user)
            messages.success(request, _("Đã công bố kết quả."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("parindex:assessment_detail", pk=assessment.pk)


def _decisions(request, assessment) -> dict:
    decisions = {}
    for score in assessment.scores.all():
        raw = request.POST.get(f"appraised_{score.pk}", "").strip().replace(",", ".")
        if raw == "" and f"appraised_{score.pk}" not in request.POST:
            continue
        try:
            value = Decimal(raw) if raw else None
        except InvalidOperation as exc:
            raise ApplicationError(_("Điểm không hợp lệ: %(v)s") % {"v": raw}) from exc
        decisions[score.pk] = (value, request.POST.get(f"reason_{score.pk}", ""))
    return decisions


def _confirm(request, assessment, action):
    """The confirmation page: what the step does, to whom, and that it cannot be undone."""
    rows = assessment_rows(assessment)
    scored = [r for r in rows if r.score is not None]
    context = {
        "assessment": assessment,
        "action": action,
        "totals": assessment_totals(assessment, rows),
        "criteria_count": len(scored),
        "self_scored": sum(1 for r in scored if r.score.self_score is not None),
        "survey_count": sum(1 for r in scored if r.criterion.is_survey),
        "survey_missing": sum(1 for r in scored if r.criterion.is_survey and r.score.appraised_score is None),
        "published_to_tree": published_visible_to() == "tree",
    }
    return render(request, "parindex/assessment_confirm.html", context)


@login_required
def score_detail(request, pk):
    score = get_object_or_404(
        Score.objects.select_related("criterion", "assessment__unit", "assessment__criteria_set"), pk=pk
    )
    assessment = score.assessment
    if not assessments_visible_to(request.user).filter(pk=assessment.pk).exists():
        raise Http404
    editable = can_edit(request.user, assessment)
    score_form = SelfScoreForm(
        initial={"self_score": score.self_score, "self_comment": score.self_comment, "explanation": score.explanation}
    )
    evidence_form = EvidenceForm()
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "score":
                score_form = SelfScoreForm(request.POST)
                if score_form.is_valid():
                    services.score_set_self(
                        score=score,
                        value=score_form.cleaned_data["self_score"],
                        comment=score_form.cleaned_data["self_comment"],
                        explanation=score_form.cleaned_data["explanation"],
                        user=request.user,
                    )
                    messages.success(request, _("Đã lưu điểm tự đánh giá."))
                    return redirect("parindex:assessment_detail", pk=assessment.pk)
            elif action == "evidence":
                evidence_form = EvidenceForm(request.POST, request.FILES)
                if evidence_form.is_valid():
                    data = dict(evidence_form.cleaned_data)
                    services.evidence_add(score=score, upload=data.pop("file"), user=request.user, **data)
                    messages.success(request, _("Đã thêm tài liệu kiểm chứng."))
                    return redirect(request.path)
            elif action == "link":
                evidence = get_object_or_404(Evidence, pk=request.POST.get("evidence"), owner_unit=assessment.unit)
                services.evidence_link(score=score, evidence=evidence)
                return redirect(request.path)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    reusable = Evidence.objects.filter(owner_unit=assessment.unit).exclude(scores=score)
    try:
        candidates = list(evidence_candidates(assessment)[:20])
    except ImportError:  # the assignments app is optional for this page
        candidates = []
    documents = other_evidence_candidates(assessment)
    from parindex.selectors import suggested_score

    return render(
        request,
        "parindex/score_detail.html",
        {
            "score": score,
            "assessment": assessment,
            "editable": editable,
            "score_form": score_form,
            "evidence_form": evidence_form,
            "evidence": score.evidence.all(),
            "reusable": reusable,
            "candidates": candidates,
            "document_candidates": documents,
            "suggestion": suggested_score(score.criterion, assessment.unit, assessment.criteria_set.year),
        },
    )


@login_required
def evidence_file(request, pk):
    """Evidence files are served only here, after the same check as the assessment they back."""
    evidence = get_object_or_404(Evidence, pk=pk)
    visible = assessments_visible_to(request.user).filter(scores__evidence=evidence).exists()
    if not visible or not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name or "tai-lieu")


@login_required
def ranking_view(request, pk):
    criteria_set = get_object_or_404(_visible_sets(request.user), pk=pk)
    assessments = assessments_visible_to(request.user)
    entries = ranking(criteria_set, assessments)
    bands = list(RankingBand.objects.all())  # highest first
    band_css = {band.pk: f"band-{index}" for index, band in enumerate(bands)}
    maximum = sum((c.max_points for c in criteria_set.criteria.filter(parent__isnull=True)), Decimal(0))
    chart = charts.horizontal_bars(
        [
            (
                str(e["assessment"].unit),
                e["total"],
                floatformat(e["total"], -2),
                band_css.get(e["band"].pk, "muted") if e["band"] else "muted",
            )
            for e in entries
        ],
        scale_max=float(maximum or max((e["total"] for e in entries), default=1)),
        rules=[(f"{band.name} ≥ {floatformat(band.min_points, -2)}", band.min_points) for band in bands],
    )
    legend = [(band_css[band.pk], f"{band.name} (≥ {floatformat(band.min_points, -2)})") for band in bands]
    lost = points_lost(criteria_set, assessments)
    # The chart, the table and the list are a cached fragment named by what they show (two thirds of the
    # page's CPU is rendering 100 rows and their bars): any change of a total, a band, a status or a unit's
    # name gives another name, so the page never shows a stale ranking.
    shown = repr(
        (
            criteria_set.pk,
            [
                (
                    e["rank"],
                    e["assessment"].pk,
                    str(e["assessment"].unit),
                    e["totals"],
                    e["difference"],
                    str(e["band"] or ""),
                    e["change"],
                    e["assessment"].status,
                )
                for e in entries
            ],
            [(item["criterion"].code, item["criterion"].content, item["lost"]) for item in lost],
            chart,
            legend,
        )
    )
    return render(
        request,
        "parindex/ranking.html",
        {
            "set": criteria_set,
            "entries": entries,
            "lost": lost,
            "chart": chart,
            "legend": legend,
            "ranking_key": hashlib.blake2b(shown.encode(), digest_size=16).hexdigest(),
        },
    )


@login_required
def assessment_export(request, pk, fmt):
    assessment = _assessment_for(request, pk)
    if fmt == "xlsx":
        return file_response(
            exports.assessment_xlsx(assessment), f"tu-danh-gia-{assessment.unit.code}.xlsx", XLSX_CONTENT_TYPE
        )
    return file_response(
        exports.assessment_docx(assessment), f"bao-cao-tu-danh-gia-{assessment.unit.code}.docx", DOCX_CONTENT_TYPE
    )
