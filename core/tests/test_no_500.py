"""No user input reaches a 500: every list/filter page, as every demo role, with malformed query values.

The demo data is loaded once; each user's crawl collects the pages that have a GET form or a query string
(at most two pages of each URL shape), then each of those pages is sent again with every parameter set to a
partial date, an impossible date, text for a number, huge and negative ids and markup (like
`../shared/tools/probe_500.py`, which the outside tester ran against a live server).
"""

import io
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.tests.crawl import crawl, html_of
from organizations.demo import USERS as DEMO_USERS

SKIPPED = ("/dang-xuat", "/quan-tri", "/static", "/media", "/api/docs", "/i18n")
BAD = ["31/12", "31/02/2026", "2026-13-01", "abc", "-1", "99999999999", "<b>x</b>", "1.5", ""]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.fields: set[str] = set()
        self._get_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and (a.get("href") or "").startswith("/") and not a["href"].startswith(SKIPPED):
            self.links.append(a["href"])
        if tag == "form":
            self._get_form = (a.get("method") or "get").lower() == "get"
        if tag in ("input", "select", "textarea") and self._get_form and a.get("name"):
            self.fields.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._get_form = False


def _targets(client: Client, limit: int = 200) -> dict[str, set[str]]:
    targets: dict[str, set[str]] = {}

    def visit(url: str, response) -> list[str]:
        assert response.status_code != 500, url
        if (html := html_of(response)) is None:
            return []
        page = _Page()
        page.feed(html)
        parsed = urlparse(url)
        fields = page.fields | set(parse_qs(parsed.query, keep_blank_values=True))
        if fields:
            targets.setdefault(parsed.path, set()).update(fields)
        return page.links

    crawl(client, visit, limit=limit)
    return targets


@pytest.mark.django_db
def test_malformed_query_values_never_answer_500_for_any_demo_role():
    call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects
    problems, sent = [], 0
    for username in ["admin", *(row[0] for row in DEMO_USERS)]:
        client = Client(raise_request_exception=False)
        client.force_login(users.get(username=username))
        for path, fields in _targets(client).items():
            for name in sorted(fields | {"page"}):
                if name == "csrfmiddlewaretoken":
                    continue
                for bad in BAD:
                    url = f"{path}?{urlencode({name: bad})}"
                    sent += 1
                    if client.get(url).status_code >= 500:
                        problems.append(f"{username}: {url}")
    assert problems == [], "\n".join(problems)
    assert sent > 500  # the crawl really found the filter pages
