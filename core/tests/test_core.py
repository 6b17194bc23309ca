import io

import pytest

from core.tabular import Column, ImportFailed, open_table, parse_date, parse_decimal
from core.text import normalize, normalize_unit_name


def test_normalize_drops_diacritics_and_case():
    assert normalize("  Cải   cách Hành chính ") == "cai cach hanh chinh"
    assert normalize("Đăng ký") == "dang ky"


def test_unit_name_normalisation_folds_abbreviations():
    assert normalize_unit_name("Ủy ban nhân dân xã Tân Phú") == normalize_unit_name("UBND xã Tân Phú")
    assert normalize_unit_name("Văn phòng Hội đồng nhân dân và UBND huyện") == "van phong hdnd va ubnd huyen"


def test_csv_with_bom_semicolons_and_column_order():
    data = "\ufeffB;A;Extra\n2;1;x\n\n4;3;y\n".encode()
    table = open_table(io.BytesIO(data), [Column("A"), Column("B")], filename="f.csv")
    assert list(table.rows()) == [(2, {"A": "1", "B": "2"}), (4, {"A": "3", "B": "4"})]


def test_missing_required_column_is_named():
    with pytest.raises(ImportFailed) as exc:
        open_table(io.BytesIO(b"A\n1\n"), [Column("A"), Column("Mã TTHC")], filename="f.csv")
    assert "Mã TTHC" in exc.value.message


def test_xlsx_dates_become_vietnamese_text():
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Ngày", "Số"])
    wb.active.append([dt.datetime(2026, 7, 1, 8, 30), 3.0])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    rows = list(open_table(buffer, [Column("Ngày"), Column("Số")], filename="x.xlsx").rows())
    assert rows == [(2, {"Ngày": "01/07/2026 08:30", "Số": "3"})]


def test_broken_xlsx_gives_vietnamese_error():
    with pytest.raises(ImportFailed) as exc:
        open_table(io.BytesIO(b"not a zip"), [Column("A")], filename="x.xlsx")
    assert "Không đọc được tệp Excel" in exc.value.message


def test_non_utf8_csv_is_refused():
    # Small files fail on opening, large ones while streaming: both must name UTF-8.
    for body in (b"A\nPh\xf2ng\n", b"A\n" + b"ok\n" * 100_000 + b"Ph\xf2ng\n"):
        with pytest.raises(ImportFailed) as exc:
            list(open_table(io.BytesIO(body), [Column("A")], filename="x.csv").rows())
    assert "UTF-8" in exc.value.message


def test_parse_date_accepts_time_and_rejects_impossible_dates():
    assert str(parse_date("22/07/2026 08:15")) == "2026-07-22"
    with pytest.raises(ValueError, match="31/02/2026"):
        parse_date("31/02/2026")
    assert parse_date("") is None


def test_parse_decimal_vietnamese_comma():
    assert str(parse_decimal("1,5")) == "1.5"


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_english_catalogue_is_complete():
    import shutil
    import subprocess
    from pathlib import Path

    from django.conf import settings

    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("gettext's msgfmt is not installed")
    base = Path(settings.BASE_DIR)
    catalogues = [base / "locale" / "en" / "LC_MESSAGES" / "django.po"]
    catalogues += sorted(base.glob("*/locale/en/LC_MESSAGES/django.po"))  # apps with their own catalogue
    for po in catalogues:
        report = subprocess.run(  # noqa: S603 - fixed arguments
            [msgfmt, "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        assert "untranslated" not in report and "fuzzy" not in report, (po, report)


def test_natural_key_sorts_vietnamese_names_by_number_and_without_diacritics():
    from core.text import natural_key

    names = ["Phường 10", "Phường 2", "Xã Đông Hòa", "xã An Bình", "Phường 1"]
    assert sorted(names, key=natural_key) == ["Phường 1", "Phường 2", "Phường 10", "xã An Bình", "Xã Đông Hòa"]
