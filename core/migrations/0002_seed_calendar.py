from django.db import migrations

from core.workdays import calendar_seed


def seed(apps, schema_editor):
    calendar_seed(apps.get_model("core", "CalendarDay"), range(2025, 2028))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_calendar_day")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
