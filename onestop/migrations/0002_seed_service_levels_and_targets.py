from decimal import Decimal

from django.db import migrations

LEVELS = [
    ("1", "Mức độ 1", False, "Nghị định 43/2011/NĐ-CP", "Mức 1\nMức độ 1"),
    ("2", "Mức độ 2", False, "Nghị định 43/2011/NĐ-CP", "Mức 2\nMức độ 2"),
    ("3", "Mức độ 3", True, "Nghị định 43/2011/NĐ-CP", "Mức 3\nMức độ 3"),
    ("4", "Mức độ 4", True, "Nghị định 43/2011/NĐ-CP", "Mức 4\nMức độ 4"),
    ("partial", "Một phần", True, "Nghị định 42/2022/NĐ-CP", "Một phần\nDVC một phần\nTrực tuyến một phần"),
    ("full", "Toàn trình", True, "Nghị định 42/2022/NĐ-CP", "Toàn trình\nDVC toàn trình\nTrực tuyến toàn trình"),
    ("none", "Không", False, "", "Không\nKhông có\nChưa cung cấp"),
]


def seed(apps, schema_editor):
    ServiceLevel = apps.get_model("onestop", "ServiceLevel")
    Target = apps.get_model("onestop", "Target")
    for code, name, online, basis, aliases in LEVELS:
        ServiceLevel.objects.update_or_create(
            code=code, defaults={"name": name, "online_capable": online, "legal_basis": basis, "aliases": aliases}
        )
    Target.objects.get_or_create(
        metric="onestop.online_rate",
        name="Tỷ lệ hồ sơ trực tuyến của TTHC có DVC trực tuyến",
        defaults={"threshold": Decimal("0.6"), "comparison": "gte", "legal_basis": "Kết luận của Chủ tịch UBND"},
    )
    Target.objects.get_or_create(
        metric="onestop.online_procedure_uptake",
        name="Tỷ lệ TTHC trực tuyến phát sinh hồ sơ trực tuyến",
        defaults={"threshold": Decimal("0.5"), "comparison": "gte", "legal_basis": "Kết luận của Chủ tịch UBND"},
    )


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
