import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_surveys_english_catalogue_is_complete():
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("gettext's msgfmt is not installed")
    po = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    report = subprocess.run(  # noqa: S603 - fixed arguments
        [msgfmt, "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    ).stderr
    assert "untranslated" not in report and "fuzzy" not in report, report
    assert (LOCALE / "en" / "LC_MESSAGES" / "django.mo").exists()


def test_english_page_uses_the_app_catalogue(client, org, questionnaire):
    client.cookies["django_language"] = "en"
    html = client.get(f"/khao-sat/don-vi/{org.c.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send" in html
