"""Every visible form field on every page has a label: a `<label for>`, a wrapping `<label>`, or `aria-label` /
`aria-labelledby`; and every link to a spreadsheet export has one name, "Xuất Excel". Several demo users crawl
the site (at most two pages of each URL shape), so pages that only a leader, a focal point or an officer sees
are covered too."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.tests.crawl import crawl, html_of, shape

SKIPPED = ("/dang-xuat", "/quan-tri", "/static", "/media", "/api/", "/i18n")
USERS = ["admin", "daumoi.noivu", "lanhdao.huyen", "lanhdao.noivu", "canbo.tanphu", "daumoi.sonoivu"]
EXPORT = re.compile(r"export=(?!docx|pdf)|[./]xlsx\b")  # a link to a spreadsheet
EXPORT_NAME = "Xuất Excel"
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}  # their value or content is their name


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.fields: list[tuple[str, dict]] = []  # (tag, attributes) with "_wrapped" set inside a <label>
        self.label_for: set[str] = set()
        self.export_names: list[str] = []
        self._labels = 0
        self._export: list[str] | None = None  # the text of the export link being read

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href", "").startswith("/") and not a["href"].startswith(SKIPPED):
            self.links.append(a["href"])
        if tag == "a" and EXPORT.search(a.get("href", "")):
            self._export = []
        if tag == "label":
            self._labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type", "").lower() not in UNLABELLED_TYPES:
            self.fields.append((tag, {**a, "_wrapped": self._labels > 0}))

    def handle_endtag(self, tag):
        if tag == "label":
            self._labels = max(0, self._labels - 1)
        if tag == "a" and self._export is not None:
            self.export_names.append(" ".join("".join(self._export).split()))
            self._export = None

    def handle_data(self, data):
        if self._export is not None:
            self._export.append(data)

    def unlabelled(self) -> list[str]:
        return [
            f"<{tag} name={a.get('name')!r} id={a.get('id')!r}>"
            for tag, a in self.fields
            if not (a["_wrapped"] or a.get("aria-label") or a.get("aria-labelledby") or a.get("id") in self.label_for)
        ]


def _crawl(client: Client, problems: dict[str, str], limit: int = 300) -> tuple[int, int, int]:
    found = {"fields": 0, "exports": 0}

    def visit(url: str, response) -> list[str]:
        if (html := html_of(response)) is None:
            return []
        parser = _Fields()
        parser.feed(html)
        found["fields"] += len(parser.fields)
        found["exports"] += len(parser.export_names)
        for name in parser.export_names:
            if name != EXPORT_NAME:
                problems.setdefault(f"{shape(url)} export link named {name!r}", url)
        for field in parser.unlabelled():
            problems.setdefault(f"{shape(url)} {re.sub(r'[0-9]+', 'N', field)}", url)
        return parser.links

    visited = crawl(client, visit, limit=limit)
    return visited, found["fields"], found["exports"]


@pytest.mark.django_db
def test_every_visible_form_field_has_a_label_and_exports_have_one_name():
    call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects
    problems: dict[str, str] = {}
    fields = exports = 0
    for username in USERS:
        client = Client()
        client.force_login(users.get(username=username))
        visited, found, links = _crawl(client, problems)
        assert visited >= 20, username
        fields, exports = fields + found, exports + links
    assert fields > 100 and exports > 10  # the crawl really met the forms and the export links
    assert problems == {}, "\n".join(f"{url}  {field}" for field, url in sorted(problems.items()))


def test_a_field_counts_as_labelled_by_for_wrapping_or_aria():
    parser = _Fields()
    parser.feed(
        '<label for="a">A</label><input id="a" name="a"><label>B <select name="b"></select></label>'
        '<input name="c" aria-label="C"><input type="hidden" name="d"><button>Go</button><textarea name="e"></textarea>'
    )
    assert parser.unlabelled() == ["<textarea name='e' id=None>"]


def test_export_links_are_read_with_their_names():
    parser = _Fields()
    parser.feed(
        '<a href="?export=xlsx">Xuất Excel</a><a href="/ky/1/tong-hop.xlsx"> Tải <b>số liệu</b></a>'
        '<a href="/ky/1/tong-hop.docx">Word</a><a href="?export=units">Xuất Excel</a>'
    )
    assert parser.export_names == ["Xuất Excel", "Tải số liệu", "Xuất Excel"]
