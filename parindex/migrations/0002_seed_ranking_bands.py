from decimal import Decimal

from django.db import migrations

BANDS = [("Tốt", "90"), ("Khá", "80"), ("Trung bình", "70"), ("Yếu", "0")]


def seed(apps, schema_editor):
    RankingBand = apps.get_model("parindex", "RankingBand")
    for name, points in BANDS:
        RankingBand.objects.get_or_create(name=name, defaults={"min_points": Decimal(points)})


class Migration(migrations.Migration):
    dependencies = [("parindex", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
