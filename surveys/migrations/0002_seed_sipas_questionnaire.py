from django.db import migrations

from surveys import sipas


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Factor = apps.get_model("surveys", "Factor")
    Question = apps.get_model("surveys", "Question")
    questionnaire, _created = Questionnaire.objects.get_or_create(
        code=sipas.CODE,
        defaults={"name": sipas.NAME, "intro": sipas.INTRO, "consent_text": sipas.CONSENT},
    )
    for order, (code, name, questions) in enumerate(sipas.FACTORS, start=1):
        factor, _created = Factor.objects.get_or_create(
            questionnaire=questionnaire, code=code, defaults={"name": name, "order": order}
        )
        for q_order, (q_code, text) in enumerate(questions, start=1):
            Question.objects.get_or_create(factor=factor, code=q_code, defaults={"text": text, "order": q_order})


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_questionnaires_tokens_responses")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
