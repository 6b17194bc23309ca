"""Every visible form field on every page has a label: a `<label for>`, a wrapping `<label>`, or `aria-label` /
`aria-labelledby`. Several demo users crawl the site (at most two pages of each URL shape), so pages that only a
leader, a focal point or an officer sees are covered too."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.tests.test_english import _shape

SKIPPED = ("/dang-xuat", "/quan-tri", "/static", "/media", "/api/", "/i18n")
USERS = ["admin", "daumoi.noivu", "lanhdao.huyen", "lanhdao.noivu", "canbo.tanphu", "daumoi.sonoivu"]
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}  # their value or content is their name


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.fields: list[tuple[str, dict]] = []  # (tag, attributes) with "_wrapped" set inside a <label>
        self.label_for: set[str] = set()
        self._labels = 0

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href", "").startswith("/") and not a["href"].startswith(SKIPPED):
            self.links.append(a["href"])
        if tag == "label":
            self._labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type", "").lower() not in UNLABELLED_TYPES:
            self.fields.append((tag, {**a, "_wrapped": self._labels > 0}))

    def handle_endtag(self, tag):
        if tag == "label":
            self._labels = max(0, self._labels - 1)

    def unlabelled(self) -> list[str]:
        return [
            f"<{tag} name={a.get('name')!r} id={a.get('id')!r}>"
            for tag, a in self.fields
            if not (a["_wrapped"] or a.get("aria-label") or a.get("aria-labelledby") or a.get("id") in self.label_for)
        ]


def _crawl(client: Client, problems: dict[str, str], limit: int = 300) -> tuple[int, int]:
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue, fields = ["/"], 0
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or shapes.get(_shape(url), 0) >= 2 or re.search(r"export=|\.(xlsx|docx|pdf|csv)$|/tep/", url):
            continue
        shapes[_shape(url)] = shapes.get(_shape(url), 0) + 1
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = _Fields()
        parser.feed(response.content.decode())
        queue.extend(parser.links)
        fields += len(parser.fields)
        for field in parser.unlabelled():
            problems.setdefault(f"{_shape(url)} {re.sub(r'[0-9]+', 'N', field)}", url)
    return len(seen), fields


@pytest.mark.django_db
def test_every_visible_form_field_has_a_label():
    call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects
    problems: dict[str, str] = {}
    fields = 0
    for username in USERS:
        client = Client()
        client.force_login(users.get(username=username))
        visited, found = _crawl(client, problems)
        assert visited >= 20, username
        fields += found
    assert fields > 100  # the crawl really met the forms
    assert problems == {}, "\n".join(f"{url}  {field}" for field, url in sorted(problems.items()))


def test_a_field_counts_as_labelled_by_for_wrapping_or_aria():
    parser = _Fields()
    parser.feed(
        '<label for="a">A</label><input id="a" name="a"><label>B <select name="b"></select></label>'
        '<input name="c" aria-label="C"><input type="hidden" name="d"><button>Go</button><textarea name="e"></textarea>'
    )
    assert parser.unlabelled() == ["<textarea name='e' id=None>"]
