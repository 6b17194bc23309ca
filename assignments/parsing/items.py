"""Directive items: which blocks and sentences give a task, to whom, by when.

A block (paragraph or list entry) is read sentence by sentence. A sentence opens an
item when it gives a task to a named unit or office holder (DOMAIN §2):

* it starts with *Giao* / *Yêu cầu* / *Đề nghị* and a unit;
* a unit (after an optional lead-in clause such as "Đối với công tác lưu trữ,") is
  followed by ``:``, *chủ trì*, the passive or a responsibility (*được giao*, *có
  trách nhiệm*, *chịu trách nhiệm*) or a task verb (*theo dõi*, *rà soát*, ...);
* the issuer (UBND / Chủ tịch UBND of a level, *đồng chí*) uses a directive verb
  (*giao, yêu cầu, chỉ đạo, phân công, đề nghị*) followed by a unit, anywhere in the
  sentence ("Theo đó, ..., Chủ tịch UBND tỉnh yêu cầu X ..."). The issuer is never a
  recipient.

A sentence without a lead of its own continues the item before it when the block
opened with that item, or when it reads as its continuation ("Việc chỉnh lý phải xong
trong Quý I/2027."). A lead-in that names its addressees and ends with ``:`` gives its
addressees to every entry below it.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .deadlines import _reference_date, deadline_with_rule
from .lexicon import (
    _ASSESSMENT_RE,
    _CHAIR,
    _CLOSING_RE,
    _COORD_LEAD,
    _GIVE_TO,
    _LEAD_IN,
    _MEETING,
    _TASK_HEADING_RE,
    _VERBS,
    LIST_STOP_WORDS,
    REPORTING_WORDS,
    TASK_VERBS,
    _clean_text,
    _is_stop,
    _Lexicon,
    _start_len,
    _Tok,
    _tokenize,
)
from .lexicon import fold as normalize
from .sentences import _Block, _blocks, split_sentences
from .units import _scan_list, _split_span

# Verbs by which the issuer gives a task, anywhere in a sentence.
DIRECTIVE_VERBS: tuple[tuple[str, str], ...] = (
    ("giao", "assign"), ("yêu cầu", "assign"), ("chỉ đạo", "assign"),
    ("phân công", "assign"), ("đề nghị", "request"),
)  # fmt: skip
# What a unit does in a report of the meeting, not a task: "Phòng Nội vụ báo cáo ...".
NARRATIVE_VERBS: tuple[str, ...] = (
    "kết luận", "thông báo", "ghi nhận", "biểu dương", "phê bình", "nhấn mạnh",
    "lưu ý", "làm việc", "truyền đạt", "phát biểu", "trình bày", "cho biết",
    "ban hành", "tổ chức hội nghị", "chủ trì", "giao", "yêu cầu", "phân công",
    "đề nghị",
)  # fmt: skip
# After a unit: the passive or a responsibility gives the unit a task.
PASSIVE_FORMS: tuple[str, ...] = (
    "được giao", "được phân công", "được yêu cầu", "được đề nghị", "có trách nhiệm",
    "chịu trách nhiệm", "phải chịu trách nhiệm", "được chỉ đạo",
)  # fmt: skip
# Words between a unit and its verb ("Phòng X sẽ phối hợp", "cần khẩn trương").
MODALS: frozenset[str] = frozenset("sẽ cần phải cũng tiếp tục khẩn trương chủ động".split())
# Words after a unit's name that are not its task's verb ("Văn phòng UBND tỉnh vừa có ...").
NOT_VERBS: frozenset[str] = LIST_STOP_WORDS | frozenset("vừa mới luôn rất đều còn vẫn chưa".split())
# A verb followed by these reports how well a unit did: "Phòng X thực hiện tốt ...".
EVALUATIVE: frozenset[str] = frozenset("tốt khá hiệu quả chưa đạt còn".split())
# Clauses that may stand before the subject of a task: "Đối với công tác lưu trữ, ...".
LEAD_IN_CLAUSES: tuple[str, ...] = (
    "đối với", "về", "theo đó", "ngoài ra", "đồng thời", "bên cạnh đó", "riêng",
    "trong đó", "để", "nhằm", "trên cơ sở", "căn cứ", "kết luận", "sau đó",
    "cùng với đó", "mặt khác", "tiếp đó", "trong thời gian tới", "thời gian tới",
    "theo kết luận", "theo chỉ đạo",
)  # fmt: skip

_DIRECTIVES = [(_Lexicon([verb]), kind) for verb, kind in DIRECTIVE_VERBS]
_VERB_FIRST_WORDS = frozenset({"giao", "giao:", "yeu", "de"})
_DIRECTIVE_FIRST_WORDS = frozenset(normalize(verb).split()[0] for verb, _ in DIRECTIVE_VERBS)
_NARRATIVE = _Lexicon(NARRATIVE_VERBS)
_PASSIVE = _Lexicon(PASSIVE_FORMS)
_TASKS = _Lexicon([v for v in TASK_VERBS if v not in NARRATIVE_VERBS])
_LEAD_CLAUSES = _Lexicon(LEAD_IN_CLAUSES)
_AMBIGUOUS = _Lexicon(["báo cáo"])

# The issuer as a subject: "UBND tỉnh (Sông Hậu)", "Chủ tịch UBND huyện", "đồng chí ...".
_LEVEL = r"(?:tinh|huyen|xa|phuong|thi tran|thanh pho|thi xa|quan)"
_ISSUER_RE = re.compile(
    rf"^(?:dong chi\b|(?:pho )?chu tich(?: (?:ubnd|uy ban nhan dan) {_LEVEL}\b| {_LEVEL}\b|$)"
    rf"|(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) {_LEVEL}\b|lanh dao (?:ubnd|uy ban nhan dan)\b)"
)
_BARE_ISSUER_RE = re.compile(
    rf"dong chi\b.*|(?:pho )?chu tich(?: (?:ubnd|uy ban nhan dan))?(?: {_LEVEL})?"
    rf"|(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) {_LEVEL}"
)
# Adverbs between the issuer and its verb: "UBND tỉnh cũng giao".
_ISSUER_ADVERBS_RE = re.compile(r"(?:\s+(?:cung|da|tiep tuc|dong thoi|truc tiep|con|van))+$")
# Sentences that are never items: captions, figures, aims.
_SKIP_SENTENCE_RE = re.compile(r"^(?:\(?anh\s*:|nguon\s*:|theo bao cao\b|muc tieu\b|kinh gui\b)")
# A sentence that continues the task before it without naming a unit.
_CONTINUATION_RE = re.compile(
    r"^(?:viec\b|thoi han\b|thoi gian (?:hoan thanh|thuc hien)\b|han (?:chot|hoan thanh)\b"
    r"|hoan thanh\b|nhiem vu nay\b|(?:cac )?noi dung (?:nay|tren)\b|bao cao\b|ket qua\b)"
)


def _is_issuer(toks: Sequence[_Tok], lo: int, hi: int, *, bare: bool = False) -> bool:
    """Is toks[lo:hi] the issuer? `bare`: only when nothing follows the level word ("UBND xã
    Tân Phú" may be a recipient of a district's notice; "UBND xã" writing its own is the issuer)."""
    words = " ".join(t.norm for t in toks[lo:hi] if t.is_word)
    if bare:
        return bool(_BARE_ISSUER_RE.fullmatch(words))
    return bool(_ISSUER_RE.match(words)) and " cac " not in f" {words} "


@dataclass
class ParsedItem:
    kind: str  # "assign" | "request"
    recipients: list[str]
    coordinators: list[str]
    deadline: datetime.date | None
    text: str  # the item's full text (joined over line breaks)
    # Why: the sentence the item was read from, the spans read in it and the deadline's rule.
    # Not part of the JSON contract (DOMAIN §2); the review screen shows them.
    sentence: str = ""
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (role, start, end) in `sentence`
    deadline_rule: str = "none"

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
    lo: int = 0  # token span of the recipients
    hi: int = 0


def _verb_head(toks: Sequence[_Tok], known: _Lexicon, src: str) -> _Head | None:
    for verb, kind in _VERBS:
        i = verb.match(toks, 0)
        if not i:
            continue
        return _after_directive(toks, i, kind, known, src)
    return None


def _after_directive(toks: Sequence[_Tok], i: int, kind: str, known: _Lexicon, src: str) -> _Head | None:
    """The recipients after a directive verb ending at toks[i], or None."""
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


def _unit_head(toks: Sequence[_Tok], known: _Lexicon, src: str, at: int = 0) -> _Head | None:
    i = at + _LEAD_IN.match(toks, at)  # "Đối với Phòng Nội vụ: ..."
    n = known.match(toks, i) or _start_len(toks, i, any_case=bool(i))
    if not n:
        return None
    if not known.match(toks, i) and not ((i + n < len(toks) and toks[i + n].is_word) or toks[i].text.isupper()):
        return None  # "Số: 45/TB-UBND", "Phòng, chống ...": a start word alone
    head = _head(toks, i, "assign", known, src, by_unit=True)
    if head is None:
        return None
    if _CHAIR.match(toks, head.rest) and _MEETING.match(toks, head.rest + 2):
        return None  # "Chủ tịch UBND huyện chủ trì cuộc họp ...": the opening, no task
    if toks[head.rest].text == ":" and any(t.low in REPORTING_WORDS for t in toks[head.rest + 1 : head.rest + 2]):
        return None  # "Phòng Tư pháp: còn chậm ...": an assessment
    if toks[head.rest].text != ":" and _is_issuer(toks, head.lo, head.rest, bare=True):
        return None  # "UBND tỉnh tổ chức ...", "Chủ tịch UBND xã làm việc ...": what the issuer itself did
    return head


def _acts(toks: Sequence[_Tok], i: int, src: str, *, known_end: bool = False) -> bool:
    """Does a task start at toks[i], right after a unit named as the subject?

    `known_end`: the unit is a name from the directory followed by a lower-case word,
    a verb the word lists may not know ("Trung tâm ... phát sóng tin").
    """
    if _PASSIVE.match(toks, i):
        return True  # "X được giao ...", "X có trách nhiệm ..."
    while i < len(toks) and toks[i].low in MODALS and not _TASKS.match(toks, i):
        i += 1
    if i >= len(toks) or _NARRATIVE.match(toks, i):
        return False
    n = _TASKS.match(toks, i)
    if not n and known_end and toks[i].is_word and not toks[i].is_capital and toks[i].low not in NOT_VERBS:
        n = 1  # a verb the word lists do not know, after a name from the directory
    if not n:
        return False
    if _AMBIGUOUS.match(toks, i) and deadline_with_rule(src)[0] is None:
        return False  # "Giám đốc Sở Nội vụ báo cáo kết quả ...": the meeting's narrative
    return not any(t.low in EVALUATIVE for t in toks[i + n : i + n + 1])


def _head(toks: Sequence[_Tok], i: int, kind: str, known: _Lexicon, src: str, *, by_unit: bool) -> _Head | None:
    end, reason = _scan_list(toks, i, known)
    acting = reason in ("stop", "known") and _acts(toks, end, src, known_end=reason == "known")
    if by_unit and not (reason in ("colon", "chair") or acting):
        return None
    recipients = _split_span(src, toks, i, end, known)
    if not recipients:
        return None
    header_only = reason == "colon" and all(not t.is_word for t in toks[end + 1 :])
    return _Head(kind, recipients, end, header_only, by_unit, i, end)


def _directive_head(toks: Sequence[_Tok], known: _Lexicon, src: str) -> _Head | None:
    """ "(lead-in,) UBND tỉnh (cũng) giao X ...": a directive verb after the issuer or a
    lead-in clause, anywhere in the sentence."""
    for i in range(1, len(toks)):
        if toks[i].norm not in _DIRECTIVE_FIRST_WORDS:
            continue
        for verb, kind in _DIRECTIVES:
            n = verb.match(toks, i)
            if not n or toks[i].low != toks[i].low.lower() or toks[i - 1].low == "được":
                continue
            clause = max((j + 1 for j in range(i) if toks[j].text in ",:;"), default=0)
            subject = _ISSUER_ADVERBS_RE.sub("", " ".join(t.norm for t in toks[clause:i] if t.is_word))
            if subject and not (_ISSUER_RE.match(subject) and " cac " not in f" {subject} "):
                continue
            head = _after_directive(toks, i + n, kind, known, src)
            if head:
                head.by_unit = True  # like a unit's sentence: never in the closing or the assessment
                return head
    return None


def _sentence_head(toks: Sequence[_Tok], known: _Lexicon, src: str) -> _Head | None:
    if not toks or _SKIP_SENTENCE_RE.match(normalize(src)):
        return None
    head = _verb_head(toks, known, src) or _directive_head(toks, known, src) or _unit_head(toks, known, src)
    if head is None and _LEAD_CLAUSES.match(toks, 0):
        comma = next((j for j, t in enumerate(toks) if t.text == ","), None)
        if comma is not None:
            head = _unit_head(toks, known, src, at=comma + 1)
    return head


def _coordinators(
    src: str, toks: Sequence[_Tok], start: int, known: _Lexicon, exclude: list[str]
) -> tuple[list[str], list[tuple[int, int]]]:
    """Units after *phối hợp với* ("phối hợp" alone names nobody), and their character spans."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    seen = {normalize(u) for u in exclude}
    i = start
    while i < len(toks):
        n = _COORD_LEAD.match(toks, i)
        if not n:
            i += 1
            continue
        end, _ = _scan_list(toks, i + n, known)
        units = _split_span(src, toks, i + n, end, known)
        if units and end > i + n:
            spans.append((toks[i + n].start, toks[end - 1].end))
        for unit in units:
            if normalize(unit) not in seen:
                seen.add(normalize(unit))
                found.append(unit)
        i = max(end, i + n)
    return found, spans


_DEADLINE_SPAN_RE = re.compile(
    r"\b(?:truoc|cham nhat|muon nhat|han chot|thoi han|khong qua|den het|trong|xong|hoan thanh)\b"
    r"[^;.,]{0,12}?\b(?:ngay|thang|quy|nam|\d{1,2}\s*[/.-])[^;,]*?(?=[;,]|\.(?:\s|$)|$)"
)


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
    toks = _tokenize(task)
    coordinators, coordinator_spans = _coordinators(task, toks, start, known, head.recipients)
    deadline, rule = deadline_with_rule(task, reference=ref)
    spans: list[tuple[str, int, int]] = []
    if start and head.hi > head.lo and head.hi <= len(toks):
        spans.append(("recipient", toks[head.lo].start, toks[head.hi - 1].end))
    spans += [("coordinator", a, b) for a, b in coordinator_spans]
    if deadline:
        # The span is a hint for the reviewer; ASCII folding keeps offsets for Vietnamese text.
        folded = normalize(task)
        if len(folded) == len(task):
            spans += [("deadline", m.start(), m.end()) for m in _DEADLINE_SPAN_RE.finditer(folded)]
    return ParsedItem(
        kind=head.kind,
        recipients=head.recipients,
        coordinators=coordinators,
        deadline=deadline,
        text=text,
        sentence=task,
        spans=sorted(spans, key=lambda s: s[1]),
        deadline_rule=rule,
    )


def _chunks(body: str, known: _Lexicon, lead: _Head | None) -> list[tuple[_Head, str, int, bool]]:
    """Items in a block: (head, task text, token index where the task starts, opened the block).

    `lead` is the head of a "X yêu cầu Y:" header above this entry: the entry's first
    sentences without a lead of their own are its task.
    """
    out: list[tuple[_Head, str, int, bool]] = []
    current: list[Any] | None = None  # [head, start offset, end offset, token start, opened_block]
    attach_all = False
    for n, (a, b) in enumerate(split_sentences(body)):
        sentence = body[a:b]
        toks = _tokenize(sentence)
        head = _sentence_head(toks, known, sentence)
        if head is None and n == 0 and lead is not None:
            current, attach_all = [lead, a, b, 0, True], True
            continue
        if head is None:
            if current is not None and (attach_all or _CONTINUATION_RE.match(normalize(sentence))):
                current[2] = b
            else:
                attach_all = False
                if current is not None:
                    out.append((current[0], body[current[1] : current[2]], current[3], current[4]))
                    current = None
            continue
        if current is not None:
            out.append((current[0], body[current[1] : current[2]], current[3], current[4]))
        current, attach_all = [head, a, b, head.rest, n == 0], n == 0
    if current is not None:
        out.append((current[0], body[current[1] : current[2]], current[3], current[4]))
    return out


@functools.lru_cache(maxsize=8)
def _directory_lexicon(names: tuple[str, ...]) -> _Lexicon:
    """The directory as a lexicon; the same directory comes back with every notice."""
    return _Lexicon(names)


def parse_conclusion(text: str, *, known_units: Iterable[str] = ()) -> list[ParsedItem]:
    """The directive items of a conclusion notice, in document order.

    `known_units`: unit names and aliases from the database (the gazetteer); the longest
    one that fits is kept whole when splitting lists. The parser works without them too.
    """
    known = _directory_lexicon(tuple(known_units))
    text = _clean_text(text)
    reference = _reference_date(text)
    items: list[ParsedItem] = []
    in_assessment, assessment_depth = False, None
    in_addressees = False  # the "Kính gửi:" list
    group: tuple[_Head, _Block, str] | None = None  # "Giao X:" waiting for its sub-entries
    group_used = False

    def close_group() -> None:
        nonlocal group
        if group and not group_used:  # a header with no entries is an item itself
            head, block, header = group
            items.append(_item(head, header, header, head.rest, known, reference))
        group = None

    def starts_item(body: str) -> bool:
        first = body.split(maxsplit=1)[0] if body.strip() else ""
        if normalize(first) not in _VERB_FIRST_WORDS:
            return False  # cheap test first: most lines do not start with Giao / Yêu cầu / Đề nghị
        return _verb_head(_tokenize(body), known, body) is not None

    for block in _blocks(text, starts_item):
        body, norm = block.body, normalize(block.body)
        if norm.startswith("kinh gui"):
            in_addressees = True
            continue
        if in_addressees and block.depth is not None and not block.caps:
            continue
        in_addressees = False
        chunks = [] if block.caps else _chunks(body, known, None)
        first = chunks[0][0] if chunks and chunks[0][3] else None
        if first is None or first.by_unit:
            if _CLOSING_RE.search(norm):
                close_group()
                continue
            if first is None and _ASSESSMENT_RE.match(norm):
                close_group()
                # A heading opens the assessment part; "Đánh giá chung: ..." with its
                # own text and no list marker is the whole assessment.
                in_assessment = block.caps or block.depth is not None or norm.endswith(":") or len(body.split()) <= 8
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
                if first is None:  # a task of the header's recipients
                    chunks = _chunks(body, known, group[0])
                    lead_head, task, _, _ = chunks[0]
                    items.append(_item(lead_head, f"{group[2]} {task}", task, 0, known, reference))
                    chunks = chunks[1:]
            else:
                close_group()
        for n, (head, task, start, _) in enumerate(chunks):
            if head.header_only and n == len(chunks) - 1:
                close_group()
                group, group_used = (head, block, task), False
                continue
            items.append(_item(head, task, task, start, known, reference))
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
