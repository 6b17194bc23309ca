"""Word lists, tokens and the phrase lexicon the parser matches on.

Every comparison ignores case and diacritics (``norm``) except where a word would be
confused with another ("Số"/"Sở", "thì"/"thị"): those compare with diacritics (``low``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from core.text import normalize

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
    "số sổ sơ sợ bỏ bổ bố bàn bản bán phỏng đổi đối đôi đại tố tô tờ hỏi hối đoạn trương bạn cúc hát viên hợp họp".split()
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
    "tham gia", "thu thập", "xác định", "phê duyệt", "phối hợp", "đưa tin", "cân đối",
    "làm sạch", "liên thông", "đơn giản hóa", "ra quân", "chi trả", "nâng cấp", "phủ sóng",
    "đẩy nhanh", "phát sóng", "lắp đặt", "cài đặt", "chuẩn hóa", "tổng kết", "sơ kết",
    "hoàn tất", "kích hoạt", "trả lời", "tiếp thu", "trả kết quả", "cắt giảm", "đơn giản",
    "rút ngắn", "tích cực", "kiểm soát",
    # what the chair does in the opening: "Chủ tịch UBND huyện kết luận như sau:"
    "kết luận", "thông báo", "yêu cầu", "đề nghị", "nhấn mạnh", "lưu ý", "ghi nhận",
    "biểu dương", "phê bình",
)  # fmt: skip
LIST_STOPS: tuple[str, ...] = TASK_VERBS + (
    "chịu trách nhiệm", "nghiêm túc", "kịp thời", "tích cực", "chậm nhất", "đối với", "đồng thời",
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
_CLOSING_RE = re.compile(r"\bthong bao\b.*\bbiet\b|^tren day la\b|^nhan duoc (?:van ban|cong van|thong bao)\b")

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


@functools.lru_cache(maxsize=50_000)
def _word_forms(word: str) -> tuple[str, str]:
    """(lower case with diacritics, normalised) of one word: words repeat, so this is cached."""
    return unicodedata.normalize("NFC", word).lower(), normalize(word)


@functools.lru_cache(maxsize=50_000)
def _fold_chunk(chunk: str) -> str:
    return normalize(chunk)


def fold(text: str) -> str:
    """The same as `core.text.normalize`, faster on long texts: words repeat, and each
    whitespace-separated chunk is folded once (the folding never crosses a space)."""
    return " ".join(_fold_chunk(chunk) for chunk in text.split())


def _tokenize(s: str) -> list[_Tok]:
    return [_Tok(m.group(), *_word_forms(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(s)]


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


_CLEAN = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
                        "\u200b": None, "\ufeff": None, "\u2028": "\n", "\u2029": "\n",
                        "\x0b": "\n", "\x0c": "\n"})  # fmt: skip


def _clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    return text.replace("\r\n", "\n").replace("\r", "\n")
