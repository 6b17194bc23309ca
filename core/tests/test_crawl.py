"""Every page a demo user reaches by following links answers 200 (or redirects), in Vietnamese and English.

The demo data is loaded once; each user's crawl follows the links of every page it sees, visiting at most two
pages of each URL shape (/nhiem-vu/N/ …) so that it stays quick while touching every kind of page.
"""

import io
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.tests.crawl import crawl, html_of

SKIPPED = ("/dang-xuat", "/quan-tri", "/static", "/media", "/api/docs")
USERS = [  # (username, language): an administrator, a district focal point, a commune officer, a province ward
    ("admin", "vi"),
    ("daumoi.noivu", "vi"),
    ("canbo.tanphu", "vi"),
    ("lanhdao.anbinh", "vi"),
    ("daumoi.noivu", "en"),
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith(SKIPPED):
            self.links.append(href)


def _crawl(client: Client, limit: int = 400) -> tuple[int, list[str]]:
    problems: list[str] = []

    def visit(url: str, response) -> list[str]:
        if response.status_code not in (200, 302):
            problems.append(f"{response.status_code} {url}")
        if (html := html_of(response)) is None:
            return []
        parser = _Links()
        parser.feed(html)
        return parser.links

    # Every address, downloads included: each must answer.
    return crawl(client, visit, limit=limit, skip=None), problems


@pytest.mark.django_db
def test_every_linked_page_answers_for_every_kind_of_user():
    call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects
    for username, language in USERS:
        client = Client()
        client.force_login(users.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert f'<html lang="{language}">' in client.get("/").content.decode()
        visited, problems = _crawl(client)
        assert problems == [], (username, language, problems)
        assert visited >= 20, (username, visited)  # the crawl really went through the app
