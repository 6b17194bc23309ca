from django.db import migrations

CATEGORIES = [
    ("Tin hoạt động", "tin-hoat-dong", 1),
    ("Cải cách hành chính", "cai-cach-hanh-chinh", 2),
    ("Thông báo", "thong-bao", 3),
]


def seed(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    for name, slug, order in CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_articles_categories_images")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
