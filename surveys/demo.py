"""Demo satisfaction data (idempotent): tokens for a few demo dossiers and some answers of Q3 2026."""

import datetime as dt
import random

from onestop.models import Dossier
from surveys.choices import Channel, CommentStatus
from surveys.models import Answer, Question, Response, SurveyToken
from surveys.selectors import active_questionnaire

COMMENTS = ["Cán bộ hướng dẫn nhiệt tình.", "Nên có thêm ghế chờ.", ""]


def load_demo() -> None:
    questionnaire = active_questionnaire()
    if questionnaire is None or Response.objects.filter(channel=Channel.PAPER, comment__startswith="[demo]").exists():
        return
    rng = random.Random(2026)  # noqa: S311 - demo data
    questions = list(Question.objects.filter(factor__questionnaire=questionnaire))
    dossiers = list(
        Dossier.objects.filter(received_on__gte=dt.date(2026, 7, 1), received_on__lte=dt.date(2026, 9, 30))
        .select_related("receiving_unit")
        .order_by("code")[:40]
    )
    for i, dossier in enumerate(dossiers):
        token, _created = SurveyToken.objects.get_or_create(
            dossier=dossier, defaults={"questionnaire": questionnaire, "unit": dossier.receiving_unit}
        )
        if i % 2 or Response.objects.filter(dossier=dossier).exists():
            continue  # half the slips stay unanswered, to try the public page
        comment = COMMENTS[i % len(COMMENTS)]
        response = Response.objects.create(
            questionnaire=questionnaire,
            unit=dossier.receiving_unit,
            answered_on=dossier.received_on + dt.timedelta(days=3),
            channel=Channel.PAPER if i % 4 == 0 else Channel.LINK,
            dossier=dossier,
            comment=f"[demo] {comment}" if i % 4 == 0 else comment,
            comment_status=CommentStatus.PENDING if comment or i % 4 == 0 else CommentStatus.NONE,
        )
        Answer.objects.bulk_create(
            [Answer(response=response, question=q, value=rng.choice([3, 4, 4, 5, 5, 2])) for q in questions]
        )


def remove_demo() -> int:
    """Delete the responses and tokens of the demo dossiers (runs before onestop removes those dossiers)."""
    from onestop.demo import FIXTURES, _codes

    codes = _codes(FIXTURES / "ho-so.csv", "Mã hồ sơ")
    removed = Response.objects.filter(dossier__code__in=codes).delete()[0]
    return removed + SurveyToken.objects.filter(dossier__code__in=codes).delete()[0]
