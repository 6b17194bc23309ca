"""The Content-Security-Policy has no 'unsafe-inline': no page may carry an inline script, an inline event
handler or a style attribute, and every signed-in page says `no-store`. Crawls the demo as two roles."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.tests.crawl import crawl, html_of
from core.tests.test_crawl import SKIPPED


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") not in ("application/json",):
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style>")
        for name, _value in attrs:
            if name == "style" or name.startswith("on") or name.startswith("hx-on"):
                self.inline.append(f"<{tag} {name}=…>")
        href = values.get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith(SKIPPED):
            self.links.append(href)


def _check(client: Client, limit: int = 150) -> tuple[int, list[str]]:
    problems: list[str] = []

    def visit(url: str, response) -> list[str]:
        if response.status_code != 200:
            return []
        policy = response.headers.get("Content-Security-Policy", "")
        if "unsafe-inline" in policy or "script-src 'self'" not in policy:
            problems.append(f"{url}: CSP {policy!r}")
        if "no-store" not in response.headers.get("Cache-Control", ""):
            problems.append(f"{url}: Cache-Control {response.headers.get('Cache-Control')!r}")
        for header in ("Permissions-Policy", "Referrer-Policy", "X-Content-Type-Options"):
            if header not in response.headers:
                problems.append(f"{url}: no {header}")
        if (html := html_of(response)) is None:
            return []
        parser = _Inline()
        parser.feed(html)
        problems.extend(f"{url}: {item}" for item in parser.inline)
        return parser.links

    # One address of each shape, downloads included (their headers count too).
    return crawl(client, visit, limit=limit, per_shape=1, skip=None), problems


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style_and_send_security_headers():
    call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects
    for username in ("admin", "canbo.tanphu"):
        client = Client()
        client.force_login(users.get(username=username))
        visited, problems = _check(client)
        assert problems == [], (username, problems)
        assert visited >= 15, (username, visited)


def test_login_page_is_clean_and_strict(client):
    response = client.get("/dang-nhap/")
    parser = _Inline()
    parser.feed(response.content.decode())
    assert parser.inline == []
    assert re.search(r"frame-ancestors 'none'", response["Content-Security-Policy"])
    assert response["Referrer-Policy"] == "same-origin"


def test_downloads_are_not_cached(client, officer_a):
    client.force_login(officer_a)
    response = client.get("/api/v1/organizations/me/")
    assert "no-store" in response["Cache-Control"]


def test_hsts_when_debug_is_off():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)"
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "tiendo.settings"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(result.stdout.strip()) >= 31536000
