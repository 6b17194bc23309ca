"""Blocks (list entries and paragraphs) and the sentences inside them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .lexicon import _SPACES_RE
from .lexicon import fold as normalize

_RECIPIENTS_LIST_RE = re.compile(r"^noi nhan\b")
_PLACE_DATE_RE = re.compile(
    r"^[^,]{2,40},\s*ngay\s+\d{1,2}(?:\s+thang\s+\d{1,2}\s+nam\s+\d{4}|\s*/\s*\d{1,2}\s*/\s*\d{4})\s*$"
)

# --- Blocks: list entries and paragraphs ---------------------------------------------

# List markers with their depth in the usual order I. > A. > 1. > 1.1. > a) > - > +.
_MARKER_RE = re.compile(
    r"^(?:(?P<roman>[IVX]{1,5})[.)]|(?P<upper>[A-ZĐ])[.)]"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)/])|\((?P<pnum>\d{1,2})\)"
    r"|(?P<letter>[a-zđ])[.)/]|\((?P<pletter>[a-zđ])\)|(?P<bullet>[-+•–—*·▪●○◦■□➢✓])"
    r")\s+"
)
_MARKER_DEPTH = {"roman": 0, "upper": 1, "num": 2, "pnum": 2.5, "letter": 3,
                 "pletter": 3.5, "bullet": 4}  # fmt: skip


@dataclass
class _Block:
    depth: float | None  # list-marker depth, None for a plain paragraph
    lines: list[str]
    caps: bool  # an UPPER-CASE heading

    @property
    def body(self) -> str:
        return _SPACES_RE.sub(" ", " ".join(self.lines)).strip()


def _split_marker(line: str) -> tuple[float | None, str]:
    """List-marker depth (None without a marker) and the line without its marker."""
    m = _MARKER_RE.match(line + " ")  # + " ": a marker alone on its line counts
    if not m:
        return None, line
    kind = m.lastgroup or "bullet"
    depth = _MARKER_DEPTH[kind]
    if kind == "num":
        depth += m["num"].rstrip(".)/").count(".") / 10  # "1.2." sits below "1."
    elif kind == "bullet" and m.group().strip() == "+":
        depth += 0.5
    return depth, line[m.end() :].strip()


def _is_caps(s: str) -> bool:
    return s.isupper() and sum(c.isalpha() for c in s) >= 4


def _blocks(text: str, starts_item: Callable[[str], bool]) -> Iterator[_Block]:
    """Paragraphs and list entries, with wrapped lines (PDF copy) joined back."""
    block: _Block | None = None
    pending: float | None = None  # a marker alone on its line (PDF copy): "1." then text
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if block:
                yield block
            block = None
            continue
        if _RECIPIENTS_LIST_RE.match(normalize(line)):
            break  # "Nơi nhận:" and the signature: the notice's body is over
        depth, body = _split_marker(line)
        if depth is not None and not body:
            pending = depth
            continue
        if pending is not None:
            depth, pending = pending, None
        caps = _is_caps(body)
        if _PLACE_DATE_RE.match(normalize(body)):
            # "Châu Thành, ngày 06 tháng 01 năm 2027": a line of its own, never joined.
            if block:
                yield block
            yield _Block(depth, [body], False)
            block = None
            continue
        new = block is None or depth is not None or caps or block.caps or starts_item(body)
        if not new and block is not None and not line[0].islower():
            new = block.lines[-1].endswith((".", ";", ":", "!", "?"))
        if new or block is None:
            if block:
                yield block
            block = _Block(depth, [body], caps)
        else:
            block.lines.append(line)
    if block:
        yield block


# --- Sentences --------------------------------------------------------------------------

# Abbreviations that end with a full stop inside a sentence ("TP. Hồ Chí Minh").
_ABBREVIATIONS = frozenset("tp tx tt ts ths pgs gs ks bs th ông bà đ/c v.v vv".split())
_SENTENCE_END_RE = re.compile(r"(?:[.!?…]+|\./\.)[\"”’)]*\s+")


def split_sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a block, in order.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space and a capital
    letter (or a digit, a quote or a parenthesis before one); not after an abbreviation.
    Semicolons do not end a sentence: they separate parts of one task.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(body):
        rest = body[m.end() :].lstrip('"“(')
        if not rest or not (rest[0].isupper() or rest[0].isdigit()):
            continue
        before = body[start : m.start()].split()
        if before and before[-1].lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if len(before) < 2 and before and len(before[-1]) <= 2:
            continue  # "a." or "1." alone is a marker, not a sentence
        spans.append((start, m.end()))
        start = m.end()
    if start < len(body):
        spans.append((start, len(body)))
    return [(a, len(body[:b].rstrip())) for a, b in spans if body[a:b].strip()]
