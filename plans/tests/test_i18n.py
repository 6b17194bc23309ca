import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation


def test_english_catalogue_of_plans_is_complete():
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("gettext's msgfmt is not installed")
    po = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"
    report = subprocess.run(  # noqa: S603 - fixed arguments
        [msgfmt, "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    ).stderr
    assert "untranslated" not in report and "fuzzy" not in report, report


def test_plan_strings_in_english():
    with translation.override("en"):
        assert translation.gettext("Sổ theo dõi kế hoạch") == "Plan register"
