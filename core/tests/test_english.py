"""With English chosen, no page shows Vietnamese UI text: only data (unit names, titles…) may stay Vietnamese.

The demo data is loaded once; several demo users crawl the site in English (at most two pages of each URL shape)
and every visible text node and labelling attribute is checked. Text that comes from the database is told apart
by collecting every string stored in it (text columns and JSON values; a stored "{n} hồ sơ…" template matches
its filled-in form): those spans are removed from a text node (a truncated value ending in "…" counts too), and
whatever still holds a Vietnamese letter is a string that the English catalogue misses.

Vietnamese shown on purpose is marked as such: an element with `lang="vi"` (the column names an import file must
have), a «quotation» of a file's own words, a document number (766/QĐ-TTg).
"""

import io
import re
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.test import Client

from core.tests.crawl import crawl, html_of

SKIPPED = ("/dang-xuat", "/quan-tri", "/static", "/media", "/api/", "/i18n", "/cong-khai", "/khao-sat")
USERS = [
    "admin",
    "daumoi.noivu",
    "lanhdao.huyen",
    "lanhdao.noivu",
    "canbo.tanphu",
    "daumoi.sonoivu",
    "canbo.anbinh",
    "xem.vanphong",
]
# Vietnamese letters that English never uses (tones and the extra vowels): one of them marks Vietnamese text.
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-confirm")
# Shown on purpose in Vietnamese whatever the language: the language picker names its own language.
ALLOWED = {"Tiếng Việt"}
QUOTED = re.compile(r"«[^»]*»|\b\d+/[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)+")
PRODUCT = "Tiến Độ"  # the product's name, in every language


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _strings(value, out: set[str]) -> None:
    if isinstance(value, str):
        for part in [value, *value.splitlines()]:
            if VIETNAMESE.search(part):
                # Templates add their own punctuation after a value ("Nội dung: ….")
                out.update({_norm(part), _norm(part).rstrip(".:;,")})
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(key, out)
            _strings(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, out)


def _database_strings() -> tuple[dict[str, list[str]], list[re.Pattern]]:
    """Every Vietnamese string stored in the database, indexed by its first word (longest first), and the stored
    text templates ("{n} hồ sơ … trong {period}") as patterns."""
    found: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField) and not f.choices
        ]
        for field in fields:
            for value in model._default_manager.values_list(field, flat=True).distinct().iterator():
                _strings(value, found)
    for user in get_user_model().objects.all():  # names shown joined
        _strings(user.get_full_name(), found)
    found.add(PRODUCT)
    index: dict[str, list[str]] = defaultdict(list)
    for text in found:
        if text:
            index[text.split()[0]].append(text)
    for bucket in index.values():
        bucket.sort(key=len, reverse=True)
    templates = [
        re.compile(".+?".join(re.escape(part) for part in re.split(r"\{\w*\}", text)))
        for text in found
        if re.search(r"\{\w*\}", text)
    ]
    return index, templates


def _leftover(text: str, index: dict[str, list[str]], templates=()) -> str:
    """The text with every database value (and quotation) in it blanked out."""
    for template in templates:
        text = template.sub(" ", text)
    ellipsis = text.rstrip(".").endswith(("…", "..."))
    body = text.rstrip(".").removesuffix("…").rstrip(".").rstrip() if ellipsis else text
    covered = [False] * len(body)
    # Every match counts, overlapping ones too ("I.4. Cải cách…" holds both "4. Cải cách…" and "Cải cách…").
    for pos in range(len(body)):
        if pos and (body[pos - 1].isalnum() or body[pos].isspace()):
            continue
        word = body[pos:].split(maxsplit=1)[0]
        match = 0
        for key in {word, word.strip("()[]\"'“”,.:;")}:
            for candidate in index.get(key, ()):
                if body.startswith(candidate, pos):
                    match = max(match, len(candidate))
                    break
                if ellipsis and candidate.startswith(body[pos:]):
                    match = len(body) - pos
                    break
        covered[pos : pos + match] = [True] * match
    return QUOTED.sub(" ", "".join(" " if hit else char for char, hit in zip(body, covered, strict=True)))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.texts: list[str] = []
        self._skip = 0
        self._vietnamese: list[str] = []  # open elements marked lang="vi"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if self._vietnamese or a.get("lang") == "vi" and tag != "html":
            if tag not in VOID:
                self._vietnamese.append(tag)
            return
        if tag == "a" and (a.get("href") or "").startswith("/") and not a["href"].startswith(SKIPPED):
            self.links.append(a["href"])
        for name in ATTRIBUTES:
            if a.get(name):
                self.texts.append(a[name])
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.texts.append(a["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if self._vietnamese and self._vietnamese[-1] == tag:
            self._vietnamese.pop()

    def handle_data(self, data):
        if not self._skip and not self._vietnamese and data.strip():
            self.texts.append(data)


def _crawl(client: Client, index, templates, problems: dict[str, str], limit: int = 300) -> int:
    def visit(url: str, response) -> list[str]:
        if (html := html_of(response)) is None:
            return []
        parser = _Text()
        parser.feed(html)
        for raw in parser.texts:
            text = _norm(raw)
            if text in ALLOWED or text in problems or not VIETNAMESE.search(text):
                continue
            if VIETNAMESE.search(_leftover(text, index, templates)):
                problems[text] = url
        return parser.links

    return crawl(client, visit, limit=limit)


@pytest.mark.django_db
def test_no_vietnamese_ui_text_when_english_is_chosen():
    call_command("load_demo", stdout=io.StringIO())
    index, templates = _database_strings()
    users = get_user_model().objects
    problems: dict[str, str] = {}
    for username in USERS:
        client = Client()
        client.force_login(users.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert _crawl(client, index, templates, problems) >= 20, username  # the crawl really went through the app
    report = "\n".join(f"{url}  {text!r}" for text, url in sorted(problems.items(), key=lambda item: item[1]))
    assert problems == {}, f"{len(problems)} untranslated strings:\n{report}"


def test_database_values_are_blanked_but_ui_text_is_not():
    index = {"Phòng": ["Phòng Nội vụ"], "Báo": ["Báo cáo quý I năm 2026 của xã"]}
    assert not VIETNAMESE.search(_leftover("Unit: Phòng Nội vụ (3)", index))
    assert not VIETNAMESE.search(_leftover("Báo cáo quý I…", index))
    assert VIETNAMESE.search(_leftover("Phòng Nội vụ — Chưa đạt", index))
    assert VIETNAMESE.search(_leftover("Phòng", index))
    assert not VIETNAMESE.search(_leftover("has no «Ngày công bố» column under 766/QĐ-TTg", index))
    templates = [re.compile("Còn .+? hồ sơ")]
    assert not VIETNAMESE.search(_leftover("Still: Còn 12 hồ sơ", index, templates))


def test_text_marked_vietnamese_is_not_ui_text():
    parser = _Text()
    parser.feed('<p>Columns: <strong lang="vi">Mã <b>đơn vị</b> · Năm</strong>, then <i>Lưu</i><br></p>')
    assert [t.strip() for t in parser.texts] == ["Columns:", ", then", "Lưu"]
