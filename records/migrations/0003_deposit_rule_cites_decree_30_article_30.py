"""The 2012 deposit rule cites the article checked in Decree 30/2020/NĐ-CP (see docs/quality-records.md).
Only the seeded wording is replaced: a text an administrator has edited stays as it is."""

import datetime as dt

from django.db import migrations

OLD = (
    "Luật Lưu trữ 2011 (số 01/2011/QH13), Điều 11: hồ sơ, tài liệu nộp lưu vào Lưu trữ cơ quan trong thời hạn "
    "01 năm kể từ ngày công việc kết thúc; Nghị định 30/2020/NĐ-CP về lập hồ sơ và nộp lưu"
)
# The field holds 300 characters: the exception for construction files is in the docs, not here.
NEW = (
    "Luật Lưu trữ 2011 (số 01/2011/QH13), Điều 11; Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, "
    "Điều 30: hồ sơ, tài liệu nộp lưu vào Lưu trữ cơ quan trong thời hạn 01 năm kể từ ngày công việc kết thúc"
)


def cite(apps, schema_editor):
    DepositRule = apps.get_model("records", "DepositRule")
    DepositRule.objects.filter(effective_from=dt.date(2012, 7, 1), legal_basis=OLD).update(legal_basis=NEW)


def uncite(apps, schema_editor):
    DepositRule = apps.get_model("records", "DepositRule")
    DepositRule.objects.filter(effective_from=dt.date(2012, 7, 1), legal_basis=NEW).update(legal_basis=OLD)


class Migration(migrations.Migration):
    dependencies = [("records", "0002_seed_deposit_rules")]

    operations = [migrations.RunPython(cite, uncite)]
