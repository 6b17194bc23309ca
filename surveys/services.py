"""Writes with rules: answering (by token, on the public unit form, on paper), moderation, sampling."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from onestop.models import Dossier
from organizations import permissions
from organizations.models import Unit
from surveys.choices import Channel, CommentStatus
from surveys.models import Answer, Question, Questionnaire, Response, SurveyToken


def _check_answers(questionnaire: Questionnaire, answers: Mapping[int, int]) -> dict[int, int]:
    questions = set(Question.objects.filter(factor__questionnaire=questionnaire).values_list("pk", flat=True))
    allowed = set(questionnaire.scale_values)
    clean: dict[int, int] = {}
    for question_id, value in answers.items():
        if question_id not in questions:
            raise ApplicationError(_("Câu hỏi không thuộc phiếu khảo sát."), {"question": question_id})
        if value not in allowed:
            raise ApplicationError(_("Mức đánh giá không hợp lệ."), {"question": question_id})
        clean[question_id] = value
    if not clean:
        raise ApplicationError(_("Xin trả lời ít nhất một câu hỏi."))
    return clean


def _create(
    *,
    questionnaire: Questionnaire,
    unit: Unit,
    channel: str,
    answers: Mapping[int, int],
    comment: str,
    answered_on: dt.date | None = None,
    dossier: Dossier | None = None,
    entered_by=None,
) -> Response:
    clean = _check_answers(questionnaire, answers)
    comment = (comment or "").strip()[:2000] if questionnaire.allow_comment else ""
    response = Response(
        questionnaire=questionnaire,
        unit=unit,
        channel=channel,
        answered_on=answered_on or timezone.localdate(),
        dossier=dossier,
        comment=comment,
        comment_status=CommentStatus.PENDING if comment else CommentStatus.NONE,
        entered_by=entered_by,
    )
    response.full_clean(exclude=["dossier", "entered_by"])
    response.save()
    Answer.objects.bulk_create(
        [Answer(response=response, question_id=question_id, value=value) for question_id, value in clean.items()]
    )
    return response


@transaction.atomic
def response_submit_by_token(*, survey_token: SurveyToken, answers: Mapping[int, int], comment: str = "") -> Response:
    """A citizen answers from the link printed for a dossier: once per dossier."""
    SurveyToken.objects.select_for_update().filter(pk=survey_token.pk).first()
    if Response.objects.filter(dossier_id=survey_token.dossier_id).exists():
        raise ApplicationError(_("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được trả lời một lần. Xin cảm ơn!"))
    try:
        with transaction.atomic():
            return _create(
                questionnaire=survey_token.questionnaire,
                unit=survey_token.unit,
                channel=Channel.LINK,
                answers=answers,
                comment=comment,
                dossier=survey_token.dossier,
            )
    except IntegrityError as exc:  # two answers at the same moment
        raise ApplicationError(
            _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được trả lời một lần. Xin cảm ơn!")
        ) from exc


@transaction.atomic
def response_submit_public(
    *, questionnaire: Questionnaire, unit: Unit, answers: Mapping[int, int], comment: str = ""
) -> Response:
    """An answer on a unit's public form, without a dossier (the view applies the rate limit)."""
    if not unit.is_active:
        raise ApplicationError(_("Đơn vị không còn hoạt động."))
    return _create(
        questionnaire=questionnaire, unit=unit, channel=Channel.PUBLIC_FORM, answers=answers, comment=comment
    )


@transaction.atomic
def response_enter_paper(
    *,
    user,
    questionnaire: Questionnaire,
    unit: Unit,
    answered_on: dt.date,
    answers: Mapping[int, int],
    comment: str = "",
    dossier_code: str = "",
) -> Response:
    """Staff type in a paper form for a unit in their change scope; a dossier code, when given, is answered once."""
    if not permissions.can(user, "change", unit.pk):
        raise ApplicationError(_("Bạn không có quyền nhập phiếu cho đơn vị này."))
    if answered_on > timezone.localdate():
        raise ApplicationError(_("Ngày trả lời không được sau hôm nay."))
    dossier = None
    if dossier_code.strip():
        dossier = Dossier.objects.filter(code=dossier_code.strip()).first()
        if dossier is None or not permissions.can(user, "view", dossier.receiving_unit_id):
            raise ApplicationError(_("Không tìm thấy hồ sơ «%(code)s».") % {"code": dossier_code.strip()})
        if Response.objects.filter(dossier=dossier).exists():
            raise ApplicationError(_("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được trả lời một lần. Xin cảm ơn!"))
    return _create(
        questionnaire=questionnaire,
        unit=unit,
        channel=Channel.PAPER,
        answers=answers,
        comment=comment,
        answered_on=answered_on,
        dossier=dossier,
        entered_by=user,
    )


@transaction.atomic
def comment_moderate(*, user, response: Response, approve: bool) -> Response:
    if response.comment_status == CommentStatus.NONE:
        raise ApplicationError(_("Phiếu này không có ý kiến."))
    if not permissions.can(user, "change", response.unit_id):
        raise ApplicationError(_("Bạn không có quyền duyệt ý kiến của đơn vị này."))
    response.comment_status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    response.save(update_fields=["comment_status"])
    return response


def sample_size(population: int, margin: Decimal | float | str) -> int:
    """Slovin's formula n = N / (1 + N·e²), rounded up, never more than N."""
    e = Decimal(str(margin))
    if population <= 0:
        return 0
    if not Decimal(0) < e < Decimal(1):
        raise ApplicationError(_("Sai số phải lớn hơn 0 và nhỏ hơn 1."))
    n = Decimal(population) / (1 + population * e * e)
    return min(population, math.ceil(n))


@transaction.atomic
def tokens_for_sample(
    *,
    user,
    questionnaire: Questionnaire,
    unit_ids: Iterable[int],
    start: dt.date,
    end: dt.date,
    margin: Decimal | float | str,
    seed: int | None = None,
) -> list[SurveyToken]:
    """Pick n random dossiers received in the period by the units and give each a token (kept if it has one)."""
    allowed = permissions.unit_ids(user, "change")
    ids = [pk for pk in unit_ids if allowed is None or pk in allowed]
    if not ids:
        raise ApplicationError(_("Bạn không có quyền lấy mẫu cho đơn vị này."))
    population = list(
        Dossier.objects.filter(receiving_unit_id__in=ids, received_on__gte=start, received_on__lte=end)
        .order_by("pk")
        .values_list("pk", "receiving_unit_id")
    )
    n = sample_size(len(population), margin)
    rng = random.Random(seed) if seed is not None else random.SystemRandom()  # noqa: S311 - sampling, not secrets
    chosen = rng.sample(population, n)
    existing = {t.dossier_id: t for t in SurveyToken.objects.filter(dossier_id__in=[pk for pk, _u in chosen])}
    tokens = []
    for dossier_id, unit_id in chosen:
        token = existing.get(dossier_id) or SurveyToken.objects.create(
            questionnaire=questionnaire, dossier_id=dossier_id, unit_id=unit_id
        )
        tokens.append(token)
    return sorted(
        SurveyToken.objects.filter(pk__in=[t.pk for t in tokens]).select_related("dossier", "unit"),
        key=lambda t: (t.unit.short_name, t.dossier.code),
    )


@transaction.atomic
def token_for_dossier(*, user, questionnaire: Questionnaire, dossier: Dossier) -> SurveyToken:
    if not permissions.can(user, "change", dossier.receiving_unit_id):
        raise ApplicationError(_("Bạn không có quyền với hồ sơ này."))
    token, _created = SurveyToken.objects.get_or_create(
        dossier=dossier, defaults={"questionnaire": questionnaire, "unit_id": dossier.receiving_unit_id}
    )
    return token
