import shutil
import subprocess
from pathlib import Path

import pytest


def test_reports_english_catalogue_is_complete():
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("gettext's msgfmt is not installed")
    po = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    report = subprocess.run(  # noqa: S603 - fixed arguments
        [msgfmt, "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    ).stderr
    assert "untranslated" not in report and "fuzzy" not in report, report


def test_pages_in_english(client, district):
    from django.conf import settings

    client.force_login(district.focal)
    # onestop/reports.py translates its column names at import time (gettext, not gettext_lazy): load the URL
    # modules in Vietnamese first, or every later test of the process would see them in English.
    assert client.get("/bao-cao/").status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/bao-cao/").content.decode()
    assert "Report cycles" in page and "Open a report cycle" in page
