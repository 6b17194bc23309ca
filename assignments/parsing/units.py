"""Unit lists: where a list of recipients or coordinators ends, and how it is split."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .lexicon import (
    _CHAIR,
    _COMPOUNDS,
    _SPACES_RE,
    _SPLIT_LOWER,
    _is_stop,
    _Lexicon,
    _start_len,
    _Tok,
    _tokenize,
)

# --- Unit lists -----------------------------------------------------------------------


def _scan_list(toks: Sequence[_Tok], i: int, known: _Lexicon) -> tuple[int, str]:
    """Read a unit list from toks[i]; return where it ends and why
    ("colon", "chair" for *chủ trì*, "stop" for a task word, "punct" or "end")."""
    after_start = False  # the word right after "Ban", "Trung tâm"... is part of a name
    while i < len(toks):
        n = known.match(toks, i)
        if n:
            i, after_start = i + n, False
            if i < len(toks) and toks[i].low in _LEVEL_WORDS:
                i += 1  # "Phòng Tư pháp Huyện": the directory's name with a level word after it
            # A name from the directory followed by a lower-case word that does not go on
            # with a name ("... huyện đưa tin"): the task starts there (the gazetteer decides).
            if i < len(toks) and toks[i].is_word and not toks[i].is_capital and not _goes_on(toks, i):
                return i, "known"
            continue
        tok = toks[i]
        if tok.low == "có" and _RELATED.match(toks, i + 1):
            i += 1 + _RELATED.match(toks, i + 1)  # "các sở, ban, ngành có liên quan"
            continue
        if tok.text == ":":
            return i, "colon"
        if tok.text == "(":
            # "Phòng Nội vụ (cơ quan thường trực):" - a note inside the list
            close = next((j for j in range(i + 1, len(toks)) if toks[j].text == ")"), None)
            if close is not None:
                i, after_start = close + 1, False
                continue
        if tok.text == ";" and i + 1 < len(toks) and (known.match(toks, i + 1) or _start_len(toks, i + 1)):
            # "Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã": a semicolon between units
            i, after_start = i + 1, False
            continue
        if tok.text in ';.()!?…"“”[]':
            return i, "punct"
        if _CHAIR.match(toks, i):
            return i, "chair"
        # "Ban Quản lý", "Văn phòng Đăng ký": a capitalised word after a unit start
        # names the unit; anywhere else a task verb ends the list.
        after_group = i > 0 and toks[i - 1].low == "các"  # "các tổ chức chính trị - xã hội"
        if not (after_start and tok.is_capital) and not after_group and _is_stop(toks, i):
            return i, "stop"
        n = _start_len(toks, i, any_case=True)
        # "Văn phòng - Thống kê": a capitalised word after a dash goes on with the name.
        after_start = bool(n) or tok.text == "-"
        i += n or 1
    return len(toks), "end"


# Words that go on with a unit's name after a name from the directory.
_GOES_ON = frozenset(
    "các và thuộc của trên tại huyện tỉnh xã phường thị trấn thành phố quận khu cấp chuyên liên".split()
)
_RELATED = _Lexicon(["liên quan", "trách nhiệm liên quan"])


_LEVELS = frozenset("tỉnh huyện xã phường thị thành quận cơ".split())
_LEVEL_WORDS = frozenset("tỉnh huyện xã phường quận".split())


def _goes_on(toks: Sequence[_Tok], i: int) -> bool:
    if toks[i].low == "cấp":  # "cấp xã" goes on with a name, "cấp thẻ" is a task
        return i + 1 < len(toks) and toks[i + 1].low in _LEVELS
    return toks[i].low in _GOES_ON or (toks[i].low == "có" and bool(_RELATED.match(toks, i + 1)))


def _unit_begins(toks: Sequence[_Tok], j: int, hi: int, known: _Lexicon) -> bool:
    """Does a new unit start at toks[j] (a place where a list may be split)?"""
    return bool(known.match(toks, j, hi) or _start_len(toks, j) or _SPLIT_LOWER.match(toks, j, hi))


def _is_compound(toks: Sequence[_Tok], left_end: int, right: int) -> bool:
    """'HĐND' + 'và' + 'UBND ...': one name ("Văn phòng HĐND và UBND huyện")."""
    return _COMPOUNDS.ends_at(toks, left_end) and bool(_COMPOUNDS.match(toks, right))


_PARENTHESES_RE = re.compile(r"\([^()]*\)")  # notes, not part of a unit's name
_SEPARATORS = frozenset({",", ";", "va"})  # never "&": "Văn phòng HĐND&UBND huyện" is one name
_TRIM = frozenset({",", ";", "va", "-", ".", ":"})


def _split_span(src: str, toks: Sequence[_Tok], lo: int, hi: int, known: _Lexicon) -> list[str]:
    cuts: list[tuple[int, int]] = []  # (segment start, segment end) token indexes
    seg, i = lo, lo
    while i < hi:
        n = known.match(toks, i, hi)
        if n:  # never split inside a known name
            i += n
            continue
        if toks[i].norm in _SEPARATORS and i > seg:
            j = i
            while j < hi and toks[j].norm in _SEPARATORS:
                j += 1
            is_and = any(t.norm == "va" for t in toks[i:j])
            if j < hi and _unit_begins(toks, j, hi, known) and not (is_and and _is_compound(toks, i, j)):
                cuts.append((seg, i))
                seg = i = j
                continue
        i += 1
    cuts.append((seg, hi))
    units = []
    for a, b in cuts:
        while a < b and toks[a].norm in _TRIM:
            a += 1
        while b > a and toks[b - 1].norm in _TRIM:
            b -= 1
        if a < b:
            unit = _PARENTHESES_RE.sub(" ", src[toks[a].start : toks[b - 1].end])
            units.append(_SPACES_RE.sub(" ", unit).strip())
    return units


def split_units(fragment: str, *, known_units: Iterable[str] = ()) -> list[str]:
    """Split "Phòng Nội vụ, Phòng Tư pháp và UBND các xã" into units, keeping names
    that contain *và* or commas whole ("Phòng Kinh tế, Hạ tầng và Đô thị")."""
    toks = _tokenize(fragment)
    return _split_span(fragment, toks, 0, len(toks), _Lexicon(known_units))
