"""Vietnamese error pages (English through the catalogue) and the favicon."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation


@pytest.mark.django_db
def test_404_is_vietnamese_and_links_home(officer_a):
    client = Client()
    client.force_login(officer_a)
    response = client.get("/nhiem-vu/987654/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang (lỗi 404)" in body
    assert 'href="/"' in body


@pytest.mark.django_db
def test_404_in_english(officer_a):
    client = Client()
    client.force_login(officer_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/nhiem-vu/987654/").content.decode()
    assert "Page not found (error 404)" in body


@pytest.mark.django_db
def test_403_is_vietnamese(officer_a):
    client = Client()
    client.force_login(officer_a)
    response = client.get("/nhiem-vu/van-ban/nhap/")  # an officer cannot issue directives
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện việc này (lỗi 403)" in response.content.decode()


def test_500_template_renders_without_a_request():
    with translation.override("vi"):
        assert "Hệ thống gặp lỗi (lỗi 500)" in render_to_string("500.html")
    with translation.override("en"):
        assert "Something went wrong (error 500)" in render_to_string("500.html")


@pytest.mark.django_db
def test_favicon_is_served():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
