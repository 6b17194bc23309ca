"""PAR Index rules: importing a criteria set, opening assessments, scoring, appraisal, publication."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.tabular import Column, ErrorList, open_table, parse_decimal
from core.text import normalize
from organizations import permissions
from organizations.models import Unit
from organizations.selectors import UnitNameIndex
from parindex.choices import AssessmentStatus
from parindex.conf import EVIDENCE_EXTENSIONS
from parindex.models import Assessment, CriteriaSet, Criterion, Evidence, Score
from parindex.scoring import parse_rule

CRITERIA_COLUMNS = [
    Column("Mã"),
    Column("Nội dung"),
    Column("Điểm tối đa"),
    Column("Cách chấm", required=False),
    Column("Điều tra XHH", required=False),
    Column("Đơn vị phụ trách", required=False),
]
_CODE = re.compile(r"^\d+(\.\d+)*$")
TOTAL_POINTS = Decimal(100)


@dataclass
class CriteriaSummary:
    count: int
    total: Decimal
    survey: Decimal

    def __str__(self) -> str:
        return _("%(count)s tiêu chí, tổng điểm tối đa %(total)s, điểm điều tra XHH %(survey)s") % {
            "count": self.count,
            "total": _fmt(self.total),
            "survey": _fmt(self.survey),
        }


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


@transaction.atomic
def criteria_import(
    *, source: str | Path | IO[bytes], year: int, name: str, filename: str | None = None, user=None
) -> tuple[CriteriaSet, CriteriaSummary]:
    """Import (or re-import) a criteria set. Any broken row or sum → nothing written, codes named.

    A new set belongs to the importer's unit (`permissions.catalogue_owner`); re-importing a set needs the
    right to change it. `user` None = a command on the server."""
    if user is not None and not permissions.may_edit_catalogues(user):
        raise ApplicationError(_("Chỉ đầu mối CCHC hoặc quản trị viên được nhập bộ chỉ số."))
    table = open_table(source, CRITERIA_COLUMNS, filename=filename)
    errors = ErrorList()
    rows: dict[str, dict] = {}
    for number, row in table.rows():
        code = row["Mã"].strip().rstrip(".")
        if not _CODE.match(code):
            errors.add(number, "Mã", _("mã không hợp lệ «%(code)s» (dạng 1, 1.2, 1.2.3)") % {"code": row["Mã"]})
            continue
        if code in rows:
            errors.add(number, "Mã", _("trùng mã %(code)s với dòng %(row)s") % {"code": code, "row": rows[code]["row"]})
            continue
        try:
            points = parse_decimal(row["Điểm tối đa"])
        except ValueError as exc:
            errors.add(number, "Điểm tối đa", str(exc))
            points = None
        if points is None or points < 0:
            errors.add(number, "Điểm tối đa", _("cần một số không âm"))
        if not row["Nội dung"]:
            errors.add(number, "Nội dung", _("không được để trống"))
        rows[code] = {
            "row": number,
            "content": row["Nội dung"],
            "max": points or Decimal(0),
            "guidance": row.get("Cách chấm", ""),
            "survey": normalize(row.get("Điều tra XHH", "")) in {"x", "co", "1"},
            "responsible": row.get("Đơn vị phụ trách", ""),
        }
    children: dict[str | None, list[str]] = {}
    for code in rows:
        parent = code.rsplit(".", 1)[0] if "." in code else None
        if parent is not None and parent not in rows:
            errors.add(rows[code]["row"], "Mã", _("không có mục cha %(parent)s") % {"parent": parent})
        children.setdefault(parent, []).append(code)
    errors.raise_if_any()
    for parent, kids in children.items():
        if parent is None:
            continue
        total = sum((rows[k]["max"] for k in kids), Decimal(0))
        if total != rows[parent]["max"]:
            errors.add(
                rows[parent]["row"],
                "Điểm tối đa",
                _("mục %(code)s có điểm tối đa %(max)s nhưng tổng các mục con (%(kids)s) là %(total)s")
                % {"code": parent, "max": _fmt(rows[parent]["max"]), "kids": ", ".join(kids), "total": _fmt(total)},
            )
    grand = sum((rows[k]["max"] for k in children.get(None, [])), Decimal(0))
    if grand != TOTAL_POINTS:
        errors.add(
            None, None, _("Tổng điểm tối đa của bộ chỉ số là %(total)s, phải bằng 100.") % {"total": _fmt(grand)}
        )
    errors.raise_if_any()

    criteria_set = CriteriaSet.objects.filter(year=year, name=name).first()
    if criteria_set is None:
        owner = None if user is None else permissions.catalogue_owner(user)
        criteria_set = CriteriaSet.objects.create(year=year, name=name, owner_unit=owner)
    elif user is not None and not permissions.can_change_catalogue(user, criteria_set.owner_unit_id):
        raise ApplicationError(_("Đã có bộ chỉ số «%(name)s» năm %(year)s.") % {"name": name, "year": year})
    existing = {c.code: c for c in criteria_set.criteria.all()}
    stale = set(existing) - set(rows)
    if stale and Score.objects.filter(criterion__code__in=stale, criterion__criteria_set=criteria_set).exists():
        raise ApplicationError(
            _("Không thể bỏ các tiêu chí đã được chấm điểm: %(codes)s.") % {"codes": ", ".join(sorted(stale))}
        )
    criteria_set.criteria.filter(code__in=stale).delete()
    saved: dict[str, Criterion] = {}
    for position, code in enumerate(sorted(rows, key=_code_key)):
        data = rows[code]
        parent_criterion = saved.get(code.rsplit(".", 1)[0]) if "." in code else None
        criterion = existing.get(code) or Criterion(criteria_set=criteria_set, code=code)
        criterion.parent = parent_criterion
        criterion.position = position
        criterion.depth = code.count(".")
        criterion.content = data["content"]
        criterion.max_points = data["max"]
        criterion.guidance = data["guidance"]
        criterion.is_survey = data["survey"] or bool(parent_criterion and parent_criterion.is_survey)
        criterion.responsible_name = data["responsible"]
        criterion.save()
        saved[code] = criterion
    # Survey points: survey-marked criteria whose parent is not survey-marked already (not counted twice).
    survey = sum(
        (rows[c]["max"] for c in rows if rows[c]["survey"] and not (saved[c].parent and saved[c].parent.is_survey)),  # type: ignore[union-attr]
        Decimal(0),
    )
    return criteria_set, CriteriaSummary(count=len(rows), total=grand, survey=survey)


@transaction.atomic
def criteria_set_copy(*, source: CriteriaSet, year: int, name: str, user=None) -> CriteriaSet:
    """Copy a set for a new year. The copy belongs to the copier's unit (seen only in its tree); `user` None
    (a command) keeps the source's owner."""
    if user is not None and not permissions.may_edit_catalogues(user):
        raise ApplicationError(_("Chỉ đầu mối CCHC hoặc quản trị viên được sao chép bộ chỉ số."))
    if CriteriaSet.objects.filter(year=year, name=name).exists():
        raise ApplicationError(_("Đã có bộ chỉ số «%(name)s» năm %(year)s.") % {"name": name, "year": year})
    owner = source.owner_unit if user is None else permissions.catalogue_owner(user)
    target = CriteriaSet.objects.create(year=year, name=name, copied_from=source, owner_unit=owner)
    copies: dict[int, Criterion] = {}
    for criterion in source.criteria.order_by("position"):
        old_pk, old_parent = criterion.pk, criterion.parent_id
        criterion.pk = None
        criterion.criteria_set = target
        criterion.parent = copies.get(old_parent) if old_parent else None
        criterion.save()
        copies[old_pk] = criterion
    return target


def criterion_update(
    *,
    criterion: Criterion,
    content: str | None = None,
    guidance: str | None = None,
    responsible_name: str | None = None,
    metric_key: str | None = None,
    scoring_rule: str | None = None,
) -> Criterion:
    """Edit a criterion's wording, guidance, responsible unit and data-suggested scoring. Max points change
    only by re-importing the set, where the sums are checked as a whole."""
    from core.metrics import get_metric

    if content is not None and not content.strip():
        raise ApplicationError(_("Nội dung tiêu chí không được để trống."))
    if metric_key and get_metric(metric_key) is None:
        raise ApplicationError(_("Không có số liệu «%(key)s».") % {"key": metric_key})
    if scoring_rule:
        rule = parse_rule(scoring_rule)
        if rule.max_points > criterion.max_points:
            raise ApplicationError(_("Quy tắc cho điểm vượt điểm tối đa của tiêu chí."))
    changes = {
        "content": content,
        "guidance": guidance,
        "responsible_name": responsible_name,
        "metric_key": metric_key,
        "scoring_rule": scoring_rule,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(criterion, name, changes[name])
    criterion.save(update_fields=fields)
    return criterion


@transaction.atomic
def assessment_open(
    *, criteria_set: CriteriaSet, unit: Unit, deadline: dt.date | None = None, assign_work_by=None
) -> Assessment:
    """Open (idempotently) a unit's assessment: one score row per leaf criterion, responsible units from
    `Đơn vị phụ trách` matched beneath the unit (else the unit itself), last year's valid evidence carried over."""
    assessment, created = Assessment.objects.get_or_create(
        criteria_set=criteria_set, unit=unit, defaults={"deadline": deadline}
    )
    if not created:
        return assessment
    index = UnitNameIndex(units=Unit.objects.descendants(unit, include_self=True))
    previous = (
        Score.objects.filter(assessment__unit=unit, assessment__criteria_set__year__lt=criteria_set.year)
        .order_by("-assessment__criteria_set__year")
        .prefetch_related("evidence")
        .select_related("criterion")
    )
    carried: dict[str, list[Evidence]] = {}
    year_start = dt.date(criteria_set.year, 1, 1)
    for old in previous:
        if old.criterion.code not in carried:
            carried[old.criterion.code] = [
                e for e in old.evidence.all() if e.valid_to is None or e.valid_to >= year_start
            ]
    leaves = criteria_set.criteria.filter(children__isnull=True).order_by("position")
    for criterion in leaves:
        responsible = index.unit(criterion.responsible_name) if criterion.responsible_name else None
        score = Score.objects.create(
            assessment=assessment, criterion=criterion, responsible_unit=responsible or unit, deadline=deadline
        )
        if carried.get(criterion.code):
            score.evidence.add(*carried[criterion.code])
    if assign_work_by is not None:
        _assign_work(assessment=assessment, created_by=assign_work_by)
    return assessment


def _assign_work(*, assessment: Assessment, created_by) -> None:
    """One assignment per responsible unit listing its criteria, so the work shows in the units' inboxes."""
    from assignments.services import assignment_create

    by_unit: dict[Unit, list[str]] = {}
    for score in assessment.scores.select_related("criterion", "responsible_unit").order_by("criterion__position"):
        if not score.criterion.is_survey:
            by_unit.setdefault(score.responsible_unit or assessment.unit, []).append(score.criterion.code)
    year = assessment.criteria_set.year
    for unit, codes in by_unit.items():
        assignment_create(
            lead_unit=unit,
            content=_(
                "Tự đánh giá Chỉ số CCHC năm %(year)s của %(unit)s: chấm điểm, gắn tài liệu kiểm chứng các tiêu chí %(codes)s"
            )
            % {"year": year, "unit": assessment.unit.short_name, "codes": ", ".join(codes)},
            deadline=assessment.deadline,
            created_by=created_by,
            source_label=_("Chỉ số CCHC %(year)s") % {"year": year},
        )


def _require_status(assessment: Assessment, *statuses: str) -> None:
    if assessment.status not in statuses:
        raise ApplicationError(
            _("Bản tự đánh giá đang ở trạng thái «%(s)s», không thực hiện được thao tác này.")
            % {"s": assessment.get_status_display()}
        )


def _check_points(score: Score, value: Decimal | None, field: str) -> None:
    if value is None:
        return
    if value < 0:
        raise ApplicationError(_("Điểm không được âm."), {"field": field})
    if value > score.criterion.max_points:
        raise ApplicationError(
            _("Điểm %(v)s vượt điểm tối đa %(m)s của tiêu chí %(c)s.")
            % {"v": _fmt(value), "m": _fmt(score.criterion.max_points), "c": score.criterion.code},
            {"field": field},
        )


@transaction.atomic
def score_set_self(
    *, score: Score, value: Decimal | None, comment: str = "", explanation: str = "", user=None
) -> Score:
    score = Score.objects.select_for_update().select_related("assessment", "criterion").get(pk=score.pk)
    _require_status(score.assessment, AssessmentStatus.DRAFT)
    if score.criterion.is_survey:
        raise ApplicationError(_("Tiêu chí điều tra xã hội học không tự chấm điểm."))
    _check_points(score, value, "self_score")
    if value and value > 0 and not explanation.strip() and not score.evidence.exists():
        raise ApplicationError(
            _("Điểm lớn hơn 0 mà chưa có tài liệu kiểm chứng: cần nhập giải trình."), {"field": "explanation"}
        )
    score.self_score, score.self_comment, score.explanation = value, comment, explanation
    score.save(update_fields=["self_score", "self_comment", "explanation", "updated_at"])
    return score


def evidence_check_file(upload) -> None:
    from core.files import check_upload

    check_upload(upload, allowed=sorted(EVIDENCE_EXTENSIONS), max_mb=settings.UPLOAD_MAX_MB)


@transaction.atomic
def evidence_add(
    *,
    score: Score,
    title: str,
    number: str = "",
    issued_on: dt.date | None = None,
    issuer: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    upload=None,
    user=None,
) -> Evidence:
    _require_status(score.assessment, AssessmentStatus.DRAFT)
    if not title.strip():
        raise ApplicationError(_("Cần nhập trích yếu tài liệu."), {"field": "title"})
    if upload is not None:
        evidence_check_file(upload)
    evidence = Evidence(
        owner_unit=score.assessment.unit,
        title=title,
        number=number,
        issued_on=issued_on,
        issuer=issuer,
        valid_from=valid_from,
        valid_to=valid_to,
        uploaded_by=user,
        original_name=upload.name if upload is not None else "",
    )
    if upload is not None:
        evidence.file.save(upload.name, upload, save=False)
    evidence.full_clean()
    evidence.save()
    score.evidence.add(evidence)
    return evidence


@transaction.atomic
def evidence_link(*, score: Score, evidence: Evidence) -> None:
    _require_status(score.assessment, AssessmentStatus.DRAFT)
    if evidence.owner_unit_id != score.assessment.unit_id:
        raise ApplicationError(_("Tài liệu thuộc đơn vị khác."))
    score.evidence.add(evidence)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user=None) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_status(assessment, AssessmentStatus.DRAFT)
    scores = assessment.scores.select_related("criterion").prefetch_related("evidence")
    missing = [s.criterion.code for s in scores if not s.criterion.is_survey and s.self_score is None]
    if missing:
        raise ApplicationError(_("Chưa chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)})
    unexplained = [
        s.criterion.code
        for s in scores
        if s.self_score and s.self_score > 0 and not s.evidence.all() and not s.explanation.strip()
    ]
    if unexplained:
        raise ApplicationError(
            _("Các tiêu chí có điểm nhưng thiếu tài liệu kiểm chứng và giải trình: %(codes)s.")
            % {"codes": ", ".join(unexplained)}
        )
    assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    return assessment


@transaction.atomic
def assessment_appraise(
    *, assessment: Assessment, decisions: dict[int, tuple[Decimal | None, str]], finish: bool = False, user=None
) -> Assessment:
    """Set appraised scores (survey points included) by score id; `finish` closes the appraisal, keeping the
    self score where the council set none."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_status(assessment, AssessmentStatus.SUBMITTED)
    scores = {s.pk: s for s in assessment.scores.select_related("criterion")}
    for score_id, (value, reason) in decisions.items():
        score = scores.get(score_id)
        if score is None:
            raise ApplicationError(_("Điểm không thuộc bản tự đánh giá này."))
        _check_points(score, value, "appraised_score")
        if value is not None and not score.criterion.is_survey and value != score.self_score and not reason.strip():
            raise ApplicationError(
                _("Tiêu chí %(c)s: điểm thẩm định khác điểm tự đánh giá, cần ghi lý do.") % {"c": score.criterion.code},
                {"field": "appraisal_reason", "score": score_id},
            )
        score.appraised_score, score.appraisal_reason = value, reason
        score.save(update_fields=["appraised_score", "appraisal_reason", "updated_at"])
    if finish:
        for score in scores.values():
            if score.appraised_score is None and not score.criterion.is_survey:
                score.appraised_score = score.self_score
                score.save(update_fields=["appraised_score", "updated_at"])
        assessment.status, assessment.appraised_at = AssessmentStatus.APPRAISED, timezone.now()
        assessment.save(update_fields=["status", "appraised_at", "updated_at"])
    return assessment


@transaction.atomic
def assessment_publish(*, assessment: Assessment, user=None) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_status(assessment, AssessmentStatus.APPRAISED)
    assessment.status, assessment.published_at = AssessmentStatus.PUBLISHED, timezone.now()
    assessment.save(update_fields=["status", "published_at", "updated_at"])
    return assessment
