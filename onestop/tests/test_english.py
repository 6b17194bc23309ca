"""One-stop pages in English: figure labels, report columns and period names follow the reader's language."""

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_onestop_pages_in_english(focal_point):
    client = Client()
    client.force_login(focal_point)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/mot-cua/").content.decode()
    assert "Hồ sơ tiếp nhận" not in body and "Tỷ lệ trực tuyến" not in body
    assert "Báo cáo quý I" not in body and "Quý I/" not in body
    report = client.get("/mot-cua/bao-cao/").content.decode()
    assert "Tiếp nhận trực tuyến" not in report and "Báo cáo 6 tháng" not in report
