"""Parse a conclusion notice (thông báo kết luận) into directive items.

Pure Python on purpose (no Django): the management command, the upload view and the
tests all call :func:`parse_conclusion` with the text and, optionally, the unit names
known in the database. The contract is DOMAIN.md §2 "Conclusion-notice parsing".

How it works, in short:

1. The text is cleaned (line endings, odd spaces) and cut into *blocks*: list entries
   and paragraphs, with lines wrapped by PDF copy joined back together.
2. A block is an item when it starts with a verb (Giao / Yêu cầu / Đề nghị) followed
   by a unit, or with a unit name (optionally after "Đối với") followed by ``:`` or
   *chủ trì*. A header such as "Giao Phòng Nội vụ:" with nothing after the colon gives
   one item per entry below it. Headings, the assessment part, the opening/closing
   sentences and the *Nơi nhận* list are skipped.
3. Unit lists are read word by word until the task starts (a verb, ``:``...), then split
   on *và* / commas only where a new unit begins, so "Sở Khoa học và Công nghệ" stays
   whole. All word comparisons ignore case and diacritics, so typing slips match.
"""

from __future__ import annotations

import calendar
import datetime
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from core.text import normalize  # noqa: F401 - re-exported: one normalisation for the whole project

__all__ = [
    "ParsedItem",
    "document_header",
    "normalize",
    "parse_conclusion",
    "parse_deadline",
    "read_document_text",
    "split_units",
]

# --- Word lists (written with diacritics for readers; compared without them unless noted)

# Verbs that open an item, with the kind of assignment they give.
ITEM_VERBS: tuple[tuple[str, str], ...] = (
    ("Giao", "assign"),
    ("Yêu cầu", "assign"),
    ("Đề nghị", "request"),
)

# Words that begin a unit, an office holder or a group of units.
UNIT_STARTS: tuple[str, ...] = (
    "Phòng", "Sở", "Văn phòng", "Ban", "Trung tâm", "Bưu điện", "UBND", "Ủy ban",
    "HĐND", "Hội đồng", "Chủ tịch", "Phó Chủ tịch", "Thủ trưởng", "Giám đốc",
    "Phó Giám đốc", "Trưởng", "Phó Trưởng", "Hiệu trưởng", "Công an", "Đội",
    "Chi cục", "Cục", "Tổng cục", "Bộ", "Bộ phận", "Kho bạc", "Chi nhánh",
    "Ngân hàng", "Thanh tra", "Chánh Thanh tra", "Chánh Văn phòng", "Hội",
    "Chi hội", "Liên đoàn", "Đoàn", "Mặt trận", "MTTQ", "Đảng ủy", "Huyện ủy",
    "Tỉnh ủy", "Thành ủy", "Thị ủy", "Quận ủy", "Chi bộ", "Bí thư", "Thường trực",
    "Trạm", "Trường", "Bệnh viện", "Đài", "Viện", "Công ty", "Tổng công ty", "Hạt",
    "Tổ", "Lãnh đạo", "Người đứng đầu", "Đồng chí", "Cán bộ", "Công chức",
    "Viên chức", "Cơ quan", "Đơn vị", "Bảo hiểm xã hội", "Điện lực", "Hợp tác xã",
    "Chủ nhiệm", "VNPT", "Viettel", "Các",
)  # fmt: skip

# Starts that may be written in lower case where a new unit begins inside a list.
LOWERCASE_SPLIT_STARTS: tuple[str, ...] = ("các", "đồng chí")

# Phrases that look like a unit start but are not ("Số hóa", "Tổ chức hội nghị"...).
NOT_UNIT_PHRASES: tuple[str, ...] = (
    "số hóa", "số liệu", "số lượng", "phong trào", "bổ sung", "bố trí", "bộ máy",
    "bộ thủ tục", "tổ chức", "hội nghị", "hội thảo", "đại hội", "đại diện", "đội ngũ",
    "trường hợp", "ban hành", "bàn giao", "các nội dung", "các nhiệm vụ",
    "các giải pháp", "các chỉ tiêu", "các ý kiến", "đoàn kết", "phòng chống",
)  # fmt: skip

# A word that differs only in diacritics from a unit start or verb but is a different
# word ("Số" vs "Sở"); a tolerant match on such a word is refused.
CONFUSABLE_WORDS: frozenset[str] = frozenset(
    "số sổ sơ sợ bỏ bổ bố bàn bản bán phỏng đổi đối đôi đại tố tô tờ hỏi hối đoạn trương bạn cúc hát viên".split()
)  # "Giáo" is not here: "Giáo" for "Giao" is a slip the parser must forgive

# Bodies written as "HĐND và UBND": a "và" between two of them is inside one name.
COMPOUND_BODIES: tuple[str, ...] = (
    "HĐND", "UBND", "Hội đồng nhân dân", "Ủy ban nhân dân", "Đảng ủy", "Huyện ủy",
    "Tỉnh ủy", "Thành ủy", "MTTQ", "Ủy ban MTTQ",
)  # fmt: skip

# Words where a unit list ends and the task begins.
TASK_VERBS: tuple[str, ...] = (
    "rà soát", "cập nhật", "tiếp nhận", "hoàn thiện", "hoàn thành", "thực hiện",
    "tuyên truyền", "nghiên cứu", "tham mưu", "triển khai", "tổng hợp", "theo dõi",
    "báo cáo", "hướng dẫn", "tổ chức", "xây dựng", "kiểm tra", "chỉ đạo", "đề xuất",
    "đánh giá", "chỉnh lý", "lập", "tiếp tục", "đẩy mạnh", "tăng cường", "ban hành",
    "chuẩn bị", "xử lý", "giải quyết", "cung cấp", "bố trí", "phân công",
    "khẩn trương", "nâng cao", "đôn đốc", "giám sát", "thẩm định", "gửi", "trình",
    "số hóa", "công khai", "niêm yết", "vận động", "hỗ trợ", "phấn đấu", "duy trì",
    "khắc phục", "chấn chỉnh", "thống kê", "soạn thảo", "dự thảo", "tập huấn",
    "quán triệt", "sửa đổi", "bổ sung", "mở rộng", "kết nối", "tích hợp", "đảm bảo",
    "bảo đảm", "quan tâm", "chủ động", "tập trung", "sắp xếp", "kiện toàn",
    "phổ biến", "làm việc", "hoàn chỉnh", "điều chỉnh", "tiến hành", "đăng ký",
    "tham gia", "thu thập", "xác định", "phê duyệt", "phối hợp",
    # what the chair does in the opening: "Chủ tịch UBND huyện kết luận như sau:"
    "kết luận", "thông báo", "yêu cầu", "đề nghị", "nhấn mạnh", "lưu ý", "ghi nhận",
    "biểu dương", "phê bình",
)  # fmt: skip
LIST_STOPS: tuple[str, ...] = TASK_VERBS + (
    "nghiêm túc", "kịp thời", "tích cực", "chậm nhất", "đối với", "đồng thời",
    "căn cứ", "thường xuyên", "định kỳ", "hằng tuần", "hằng tháng", "hằng quý",
    "hằng năm", "hàng tuần", "hàng tháng", "hàng quý", "hàng năm",
)  # fmt: skip
# Short function words that also end a list. Compared WITH diacritics: without them
# "thì" would be "thị" (thị trấn) and "tại" would be "tài".
LIST_STOP_WORDS: frozenset[str] = frozenset(
    "đã đang sẽ cần phải chưa có được là thì cũng trước trong đến từ tại về theo để "
    "nhằm với cho bằng qua khi nếu".split()
)

# Words that end a list only when a task verb follows them.
VERB_MODIFIERS: frozenset[str] = frozenset("tự cùng sớm".split())

# "Phòng X: còn chậm ...": after a unit and ":" these words report, they do not assign.
REPORTING_WORDS: frozenset[str] = frozenset("còn chưa đã vẫn".split())  # with diacritics

# Nouns after "chủ trì" that mean the sentence reports a meeting, not a task.
MEETING_NOUNS: tuple[str, ...] = ("cuộc", "hội nghị", "buổi", "phiên", "họp", "lễ")

# Headings that open the assessment part, and those that open the task part.
_ASSESSMENT_RE = re.compile(
    r"^(?:danh gia (?:chung|ket qua|tinh hinh)|ket qua dat duoc|ket qua thuc hien"
    r"|ton tai|han che|uu diem|kho khan|nguyen nhan|tinh hinh)\b"
)
_TASK_HEADING_RE = re.compile(
    r"^(?:(?:mot so|cac|ve)\s+)?(?:nhiem vu|giai phap|ket luan|y kien chi dao|chi dao"
    r"|phan cong|to chuc thuc hien|(?:trong )?thoi gian toi|phuong huong|de xuat"
    r"|kien nghi)\b"
)
_CLOSING_RE = re.compile(r"\bthong bao\b.*\bbiet\b|^tren day la\b")
_RECIPIENTS_LIST_RE = re.compile(r"^noi nhan\b")

# --- Normalisation and tokens -------------------------------------------------------

_SPACES_RE = re.compile(r"\s+")


class _Tok(NamedTuple):
    text: str
    low: str  # lower case, diacritics kept: tells "Sở" from "Số"
    norm: str  # lower case, no diacritics: what words are compared on
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capital(self) -> bool:
        return self.text[0].isupper()


# Dates and numbers stay one token ("30/09/2024", "9001:2015"); punctuation is split off.
_TOKEN_RE = re.compile(r"\d+(?:[/.:,-]\d+)*%?|[^\W_]+|\S")


def _tokenize(s: str) -> list[_Tok]:
    return [
        _Tok(m.group(), unicodedata.normalize("NFC", m.group()).lower(),
             normalize(m.group()), m.start(), m.end())
        for m in _TOKEN_RE.finditer(s)
    ]  # fmt: skip


class _Lexicon:
    """Phrases matched on tokens, longest first, tolerant of diacritics except on
    confusable words. Indexed by first word: known units can number thousands."""

    def __init__(self, phrases: Iterable[str]) -> None:
        # normalised words -> the spellings (lower case, with diacritics) behind them
        self.spellings: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        lengths: dict[str, set[int]] = {}
        for toks in map(_tokenize, phrases):
            if toks:
                norms = tuple(t.norm for t in toks)
                self.spellings.setdefault(norms, []).append(tuple(t.low for t in toks))
                lengths.setdefault(norms[0], set()).add(len(norms))
        self.lengths = {first: sorted(ns, reverse=True) for first, ns in lengths.items()}
        self.all_lengths = sorted({n for ns in self.lengths.values() for n in ns}, reverse=True)

    def match(self, toks: Sequence[_Tok], i: int, hi: int = -1) -> int:
        """Length of the longest phrase at toks[i] (before `hi`), 0 if none."""
        hi = len(toks) if hi < 0 else hi
        if i >= hi:
            return 0
        for n in self.lengths.get(toks[i].norm, ()):
            if i + n > hi:
                continue
            window = toks[i : i + n]
            for lows in self.spellings.get(tuple(t.norm for t in window), ()):
                # "Giáo" may stand for "Giao", but "Số" never for "Sở".
                if not any(t.low != w and t.low in CONFUSABLE_WORDS for t, w in zip(window, lows, strict=True)):
                    return n
        return 0

    def ends_at(self, toks: Sequence[_Tok], end: int) -> bool:
        """Does a phrase end just before toks[end]?"""
        return any(end - n >= 0 and self.match(toks, end - n, end) == n for n in self.all_lengths)


_VERBS = [(_Lexicon([verb]), kind) for verb, kind in ITEM_VERBS]
_STARTS = _Lexicon(UNIT_STARTS)
_SPLIT_LOWER = _Lexicon(LOWERCASE_SPLIT_STARTS)
_NOT_UNITS = _Lexicon(NOT_UNIT_PHRASES)
_COMPOUNDS = _Lexicon(COMPOUND_BODIES)
_STOPS = _Lexicon(LIST_STOPS)
_CHAIR = _Lexicon(["chủ trì"])
_MEETING = _Lexicon(MEETING_NOUNS)
_COORD_LEAD = _Lexicon(["phối hợp với", "phối hợp cùng", "phối hợp chặt chẽ với"])
_GIVE_TO = _Lexicon(["nhiệm vụ cho", "cho"])
_LEAD_IN = _Lexicon(["đối với", "về phía"])


def _is_stop(toks: Sequence[_Tok], i: int) -> bool:
    if toks[i].low in LIST_STOP_WORDS or _STOPS.match(toks, i):
        return True
    # "tự kiểm tra", "cùng thực hiện": the modifier starts the task, not "trật tự".
    return toks[i].low in VERB_MODIFIERS and i + 1 < len(toks) and bool(_STOPS.match(toks, i + 1))


def _start_len(toks: Sequence[_Tok], i: int, *, any_case: bool = False) -> int:
    """Length of a unit-start phrase at toks[i] (0 if none)."""
    if i >= len(toks) or not toks[i].is_word or _NOT_UNITS.match(toks, i):
        return 0
    n = _STARTS.match(toks, i)
    if n and (any_case or toks[i].is_capital):
        return n
    return 0


# --- Unit lists -----------------------------------------------------------------------


def _scan_list(toks: Sequence[_Tok], i: int, known: _Lexicon) -> tuple[int, str]:
    """Read a unit list from toks[i]; return where it ends and why
    ("colon", "chair" for *chủ trì*, "stop" for a task word, "punct" or "end")."""
    after_start = False  # the word right after "Ban", "Trung tâm"... is part of a name
    while i < len(toks):
        n = known.match(toks, i)
        if n:
            i, after_start = i + n, False
            continue
        tok = toks[i]
        if tok.text == ":":
            return i, "colon"
        if tok.text == "(":
            # "Phòng Nội vụ (cơ quan thường trực):" - a note inside the list
            close = next((j for j in range(i + 1, len(toks)) if toks[j].text == ")"), None)
            if close is not None:
                i, after_start = close + 1, False
                continue
        if tok.text in ';.()!?…"“”[]':
            return i, "punct"
        if _CHAIR.match(toks, i):
            return i, "chair"
        # "Ban Quản lý", "Văn phòng Đăng ký": a capitalised word after a unit start
        # names the unit; anywhere else a task verb ends the list.
        if not (after_start and tok.is_capital) and _is_stop(toks, i):
            return i, "stop"
        n = _start_len(toks, i, any_case=True)
        after_start = bool(n)
        i += n or 1
    return len(toks), "end"


def _unit_begins(toks: Sequence[_Tok], j: int, hi: int, known: _Lexicon) -> bool:
    """Does a new unit start at toks[j] (a place where a list may be split)?"""
    return bool(known.match(toks, j, hi) or _start_len(toks, j) or _SPLIT_LOWER.match(toks, j, hi))


def _is_compound(toks: Sequence[_Tok], left_end: int, right: int) -> bool:
    """'HĐND' + 'và' + 'UBND ...': one name ("Văn phòng HĐND và UBND huyện")."""
    return _COMPOUNDS.ends_at(toks, left_end) and bool(_COMPOUNDS.match(toks, right))


_PARENTHESES_RE = re.compile(r"\([^()]*\)")  # notes, not part of a unit's name
_SEPARATORS = frozenset({",", ";", "va", "&"})
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


# --- Deadlines --------------------------------------------------------------------------

_CUE = (
    r"(?P<cue>truoc|cham nhat|muon nhat|han chot|thoi han(?: hoan thanh)?|khong qua"
    r"|den het|den|trong|xong|hoan thanh|ket thuc)"
)
_OF = r"(?:(?:cua|trong)\s+)?"
_YEAR = r"(?:\s*(?:/|-|nam)\s*(?P<y>\d{4}))?"
_DATE_RE = re.compile(
    rf"\b{_CUE}\b\s*:?\s*(?:(?:la|vao|het)\s+)?(?P<ngay>ngay\s+)?"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})(?:\s*,?\s*nam\s+(?P<y2>\d{4}))?)\b"
)
_MONTH_RE = re.compile(rf"\b{_CUE}\s+{_OF}thang\s+(?P<m>\d{{1,2}})\b{_YEAR}")
_QUARTER_RE = re.compile(rf"\b{_CUE}\s+{_OF}quy\s+(?P<q>iv|i{{1,3}}|[1-4])\b{_YEAR}")
_YEAR_RE = re.compile(rf"\b{_CUE}\s+{_OF}nam\s+(?P<y>\d{{4}})\b")
_THIS_YEAR_RE = re.compile(r"\btrong\s+nam(?:\s+nay)?(?=\s*(?:[.;,)]|$))")
_PART_YEAR_RE = re.compile(rf"\b{_CUE}\s+(?P<n>\d{{1,2}})\s+thang\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?P<y>\d{{4}}))?")
_RECURRING_RE = re.compile(r"\bhang\s+(?:quy|thang|nam|tuan|ngay)\b|\bthuong xuyen\b|\bdinh ky\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _period_end(
    year: str | None, month: int, reference: datetime.date | None, *, back: int = 0
) -> datetime.date | None:
    """Last day of `month`, or of the month `back` months earlier ("trước tháng 11")."""
    if not 1 <= month <= 12:
        return None
    if year:
        y = int(year)
    elif reference:
        # No year written: the next such period on or after the notice's date.
        y = reference.year + (month < reference.month)
    else:
        return None
    y, month = divmod(y * 12 + month - 1 - back, 12)
    return _month_end(y, month + 1)


def parse_deadline(text: str, *, reference: datetime.date | None = None) -> datetime.date | None:
    """The deadline an item's text gives, or None.

    Dates need a deadline cue (*trước*, *chậm nhất*, *trong*, *hoàn thành*...), so a
    date that only says when the meeting took place is ignored. `reference` (the
    notice's date) supplies the year when the text leaves it out. Recurring wording
    (*hằng quý*, *thường xuyên*) gives None unless an exact date is also written.
    Several deadlines in one item: the latest, when the whole item is done.
    """
    s = normalize(text)
    exact: list[datetime.date] = []
    for m in _DATE_RE.finditer(s):
        if m["d"]:
            day, month, year = m["d"], m["m"], m["y"]
        else:
            day, month, year = m["d2"], m["m2"], m["y2"]
        if not (year or m["ngay"] or m["d2"]):
            continue  # "trong 2/3 số xã" is a fraction, not a date
        y = int(year) if year else (reference.year if reference else 0)
        try:
            found = datetime.date(y, int(month), int(day))
        except ValueError:
            continue  # also: no year and no reference
        if reference and not year and found < reference:
            found = found.replace(year=found.year + 1)
        exact.append(found)

    periods: list[datetime.date | None] = []
    for m in _MONTH_RE.finditer(s):
        back = 1 if m["cue"] == "truoc" else 0
        periods.append(_period_end(m["y"], int(m["m"]), reference, back=back))
    for m in _QUARTER_RE.finditer(s):
        quarter = _ROMAN.get(m["q"]) or int(m["q"])
        back = 3 if m["cue"] == "truoc" else 0
        periods.append(_period_end(m["y"], 3 * quarter, reference, back=back))
    for m in _PART_YEAR_RE.finditer(s):
        month = int(m["n"]) if m["part"] == "dau" else 12
        periods.append(_period_end(m["y"], month, reference))
    for m in _YEAR_RE.finditer(s):
        periods.append(datetime.date(int(m["y"]) - (m["cue"] == "truoc"), 12, 31))
    if reference and _THIS_YEAR_RE.search(s):
        periods.append(datetime.date(reference.year, 12, 31))

    candidates = exact
    if not _RECURRING_RE.search(s):
        candidates = candidates + [d for d in periods if d]
    return max(candidates) if candidates else None


def _document_date(s: str) -> datetime.date | None:
    """The first full date in the notice (its date or the meeting's): the year for
    deadlines written without one."""
    m = re.search(
        r"\bngay\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
        r"|(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*nam\s+(\d{4}))",
        normalize(s),
    )
    if not m:
        return None
    d, mo, y = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    try:
        return datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None


_NUMBER_RE = re.compile(r"\bS[ốo]\s*:\s*([0-9][\w./-]*(?:/[\w.-]+)+)", re.IGNORECASE)


def document_header(text: str) -> tuple[str, datetime.date | None]:
    """The notice's number/symbol ("Số: 120/TB-UBND") and date as its heading writes them, to pre-fill
    the entry form; ("", None) when the pasted text starts below the heading."""
    lines = _clean_text(text).split("\n")[:12]
    number = _NUMBER_RE.search("\n".join(lines))
    # "Tân Phú, ngày 16 tháng 10 năm 2026" or "Số: 45/TB-VP ngày 03/02/2027" — not a deadline in the body.
    dated = [line for line in lines if re.search(r",\s*ngay\s+\d|\bso\s*:.*\bngay\s+\d", normalize(line))]
    return (number[1].rstrip(".") if number else ""), (_document_date(dated[0]) if dated else None)


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
_CLEAN = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
                        "\u200b": None, "\ufeff": None, "\u2028": "\n", "\u2029": "\n",
                        "\x0b": "\n", "\x0c": "\n"})  # fmt: skip


@dataclass
class _Block:
    depth: float | None  # list-marker depth, None for a plain paragraph
    lines: list[str]
    caps: bool  # an UPPER-CASE heading

    @property
    def body(self) -> str:
        return _SPACES_RE.sub(" ", " ".join(self.lines)).strip()


def _clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _blocks(text: str, known: _Lexicon) -> Iterator[_Block]:
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
        new = (
            block is None
            or depth is not None
            or caps
            or block.caps
            or _verb_head(_tokenize(body), known, body) is not None
        )
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


# --- Items ------------------------------------------------------------------------------


@dataclass
class ParsedItem:
    kind: str  # "assign" | "request"
    recipients: list[str]
    coordinators: list[str]
    deadline: datetime.date | None
    text: str  # the item's full text (joined over line breaks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "recipients": list(self.recipients),
            "coordinators": list(self.coordinators),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "text": self.text,
        }


@dataclass
class _Head:
    """The start of an item: who it is addressed to and where the task begins."""

    kind: str
    recipients: list[str]
    rest: int  # token index where the task text begins
    header_only: bool  # "Giao Phòng Nội vụ:" with its tasks in the entries below
    by_unit: bool  # opened by a unit name, not by a verb


def _verb_head(toks: Sequence[_Tok], known: _Lexicon, src: str) -> _Head | None:
    for verb, kind in _VERBS:
        i = verb.match(toks, 0)
        if not i:
            continue
        i += _GIVE_TO.match(toks, i)  # "Giao cho ...", "Giao nhiệm vụ cho ..."
        if i >= len(toks):
            return None
        first = toks[i]
        # After the verb, a unit must follow: "Giao nhiệm vụ:" is a heading and
        # "Giáo dục ..." is not "Giao" + a unit.
        if not (
            known.match(toks, i)
            or _start_len(toks, i, any_case=True)
            or (first.is_word and first.is_capital and not _is_stop(toks, i))
        ):
            return None
        return _head(toks, i, kind, known, src, by_unit=False)
    return None


def _unit_head(toks: Sequence[_Tok], known: _Lexicon, src: str) -> _Head | None:
    i = _LEAD_IN.match(toks, 0)  # "Đối với Phòng Nội vụ: ..."
    n = known.match(toks, i) or _start_len(toks, i, any_case=bool(i))
    if not n:
        return None
    if not known.match(toks, i) and not ((i + n < len(toks) and toks[i + n].is_word) or toks[i].text.isupper()):
        return None  # "Số: 45/TB-UBND", "Phòng, chống ...": a start word alone
    head = _head(toks, i, "assign", known, src, by_unit=True)
    if head is None:
        return None
    if toks[head.rest].text != ":" and _MEETING.match(toks, head.rest + 2):
        return None  # "Chủ tịch UBND huyện chủ trì cuộc họp ...": the opening, no task
    if toks[head.rest].text == ":" and any(t.low in REPORTING_WORDS for t in toks[head.rest + 1 : head.rest + 2]):
        return None  # "Phòng Tư pháp: còn chậm ...": an assessment
    return head


def _head(toks: Sequence[_Tok], i: int, kind: str, known: _Lexicon, src: str, *, by_unit: bool) -> _Head | None:
    end, reason = _scan_list(toks, i, known)
    if by_unit and reason not in ("colon", "chair"):
        return None
    recipients = _split_span(src, toks, i, end, known)
    if not recipients:
        return None
    header_only = reason == "colon" and all(not t.is_word for t in toks[end + 1 :])
    return _Head(kind, recipients, end, header_only, by_unit)


def _coordinators(src: str, toks: Sequence[_Tok], start: int, known: _Lexicon, exclude: list[str]) -> list[str]:
    """Units after *phối hợp với* ("phối hợp" alone names nobody)."""
    found: list[str] = []
    seen = {normalize(u) for u in exclude}
    i = start
    while i < len(toks):
        n = _COORD_LEAD.match(toks, i)
        if not n:
            i += 1
            continue
        end, _ = _scan_list(toks, i + n, known)
        for unit in _split_span(src, toks, i + n, end, known):
            if normalize(unit) not in seen:
                seen.add(normalize(unit))
                found.append(unit)
        i = max(end, i + n)
    return found


def _item(
    head: _Head,
    text: str,
    task: str,
    start: int,
    known: _Lexicon,
    ref: datetime.date | None,
) -> ParsedItem:
    """Coordinators and deadline come from `task` from token `start` on: the item's
    text after its recipients, or a sub-entry's own text below a "Giao X:" header."""
    return ParsedItem(
        kind=head.kind,
        recipients=head.recipients,
        coordinators=_coordinators(task, _tokenize(task), start, known, head.recipients),
        deadline=parse_deadline(task, reference=ref),
        text=text,
    )


def parse_conclusion(text: str, *, known_units: Iterable[str] = ()) -> list[ParsedItem]:
    """The directive items of a conclusion notice, in document order.

    `known_units`: unit names and aliases from the database; the longest one that
    fits is kept whole when splitting lists. The parser works without them too.
    """
    known = _Lexicon(known_units)
    text = _clean_text(text)
    reference = _document_date(text)
    items: list[ParsedItem] = []
    in_assessment, assessment_depth = False, None
    group: tuple[_Head, _Block] | None = None  # "Giao X:" waiting for its sub-entries
    group_used = False

    def close_group() -> None:
        nonlocal group
        if group and not group_used:  # a header with no entries is an item itself
            head, block = group
            items.append(_item(head, block.body, block.body, head.rest, known, reference))
        group = None

    for block in _blocks(text, known):
        body, norm = block.body, normalize(block.body)
        toks = _tokenize(body)
        head = None
        if not block.caps:
            head = _verb_head(toks, known, body) or _unit_head(toks, known, body)
        if head is None or head.by_unit:
            if _CLOSING_RE.search(norm):
                close_group()
                continue
            if head is None and _ASSESSMENT_RE.match(norm):
                close_group()
                # A heading opens the assessment part; "Đánh giá chung: ..." with its
                # own text and no list marker is the whole assessment.
                in_assessment = block.caps or block.depth is not None or norm.endswith(":") or len(toks) <= 8
                assessment_depth = block.depth
                continue
            if in_assessment and _leaves_assessment(block, norm, assessment_depth):
                in_assessment = False
            if in_assessment:
                continue  # there "Phòng X: chưa kịp thời ..." assesses, assigns nothing
        else:
            in_assessment = False  # "Giao ..." never belongs to the assessment
        if group:
            # Entries below the header (deeper, or any paragraph below an unnumbered one).
            parent_depth = group[1].depth
            if not block.caps and (parent_depth is None or (block.depth is not None and block.depth > parent_depth)):
                group_used = True
                if head is None:  # a task of the header's recipients
                    full = f"{group[1].body} {body}"
                    items.append(_item(group[0], full, body, 0, known, reference))
                    continue
            else:
                close_group()
        if head is None:
            continue
        if head.header_only:
            close_group()
            group, group_used = (head, block), False
            continue
        items.append(_item(head, body, body, head.rest, known, reference))
    close_group()
    return items


def _leaves_assessment(block: _Block, norm: str, depth: float | None) -> bool:
    """A heading of the task part, the "... kết luận:" lead-in, or a list entry as
    high as the assessment heading ends the assessment part."""
    return bool(
        block.caps
        or _TASK_HEADING_RE.match(norm)
        or (norm.endswith(":") and "ket luan" in norm)
        or (block.depth is not None and depth is not None and block.depth <= depth)
    )


# --- Reading files ----------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("Tệp văn bản phải được mã hóa UTF-8.") from exc


def _docx_text(data: bytes) -> str:
    """Paragraphs (numbered ones too) and table cells of a .docx, in document order."""
    from docx import Document  # python-docx; imported here so .txt needs nothing
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                parts.append(Paragraph(child, document).text)
            elif child.tag == qn("w:tbl"):
                # Raw w:tc elements: python-docx's row.cells repeats merged cells.
                for row in child.iterchildren(qn("w:tr")):
                    for cell in row.iterchildren(qn("w:tc")):
                        walk(cell)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                walk(child)  # content controls wrap ordinary paragraphs

    walk(document.element.body)
    # A blank line between paragraphs: each one is a block of its own.
    return "\n\n".join(p for p in parts if p.strip())


def read_document_text(path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str], filename: str | None = None) -> str:
    """Text of a notice file: .txt (UTF-8, with or without BOM) or .docx.

    Accepts a path or an open file (e.g. an upload); `filename` tells the format when
    the file object has no useful name.
    """
    if isinstance(path_or_file, str | os.PathLike):
        name = filename or os.fspath(path_or_file)
        data: bytes | str = Path(path_or_file).read_bytes()
    else:
        name = filename or str(getattr(path_or_file, "name", "") or "")
        if hasattr(path_or_file, "seek"):
            path_or_file.seek(0)
        data = path_or_file.read()
    if isinstance(data, str):
        return data
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or (not suffix and data[:2] == b"PK"):
        return _docx_text(data)
    if suffix in ("", ".txt", ".text"):
        return _decode(data)
    raise ValueError(f"Không đọc được tệp {suffix}: chỉ nhận .txt (UTF-8) hoặc .docx.")
