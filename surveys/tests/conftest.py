import datetime as dt

import pytest
from django.core.cache import cache

from onestop.models import Dossier, Procedure, ServiceLevel
from surveys.models import Factor, Question, Questionnaire

FACTORS = ["access", "procedures", "officials", "results", "feedback"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def questionnaire(db, settings):
    """A five-factor questionnaire with one question per factor (easy to compute by hand)."""
    settings.SURVEY_QUESTIONNAIRE = "test"
    questionnaire = Questionnaire.objects.create(code="test", name="Phiếu thử", consent_text="Tôi đồng ý gửi phiếu.")
    for order, code in enumerate(FACTORS, start=1):
        factor = Factor.objects.create(questionnaire=questionnaire, code=code, name=f"Yếu tố {code}", order=order)
        Question.objects.create(factor=factor, code=f"{code}1", text=f"Câu hỏi {code}", order=1)
    return questionnaire


@pytest.fixture
def questions(questionnaire):
    """factor code → question id"""
    return {q.factor.code: q.pk for q in Question.objects.filter(factor__questionnaire=questionnaire)}


@pytest.fixture
def make_dossier(db):
    level = ServiceLevel.objects.order_by("code").first()
    procedure = Procedure.objects.create(code="P1", name="Thủ tục P1", service_level=level)

    def make(unit, received=dt.date(2026, 7, 10), code=None):
        return Dossier.objects.create(
            code=code or f"H{Dossier.objects.count() + 1:04d}",
            procedure=procedure,
            receiving_unit=unit,
            channel="in_person",
            received_on=received,
            due_on=received + dt.timedelta(days=5),
        )

    return make


def post_data(questions, values, consent=True, **extra):
    """Form data: `values` maps factor code → scale value."""
    data = {f"q{questions[code]}": str(value) for code, value in values.items()}
    if consent:
        data["consent"] = "on"
    data.update(extra)
    return data


ALL_SATISFIED = dict.fromkeys(FACTORS, 5)
