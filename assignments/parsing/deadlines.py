"""Deadlines: when the unit must act (DOMAIN §2), and the notice's own date."""

from __future__ import annotations

import calendar
import datetime
import re

from .lexicon import _clean_text
from .lexicon import fold as normalize

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


# Wording that dates what the task is *about*, not when it is due (DOMAIN §2): the
# horizon or title of a cited plan, the period of a figure, an open-ended aim.
_NOT_DEADLINE_RES = (
    re.compile(r"\b(?:tam nhin|dinh huong|giai doan)\s+(?:den\s+)?(?:het\s+)?(?:nam\s+)?\d{4}(?:\s*-\s*\d{4})?"),
    re.compile(
        r"\b(?:ke hoach|nghi quyet|chuong trinh|de an|chien luoc|quy hoach|chi thi)\b[^,;.]{0,80}?"
        r"\bden\s+(?:het\s+)?nam\s+\d{4}"
    ),
    re.compile(r"\bphat sinh(?:\s+ho so)?\s+trong\b"),
    re.compile(r"\btrong\s+nam\s+\d{4}\s+va\s+(?:nhung|cac)\s+nam\s+(?:tiep theo|sau)\b"),
)
# Cues of a firm date: when an item has one, that date is the deadline.
_FIRM_CUES = frozenset({"truoc", "cham nhat", "muon nhat", "han chot", "thoi han", "thoi han hoan thanh", "khong qua"})
# Period cues that still count next to a firm date ("báo cáo trước ngày 15/6; hoàn thành trong năm").
_FINISH_CUES = frozenset({"hoan thanh", "xong", "ket thuc"})


def _mask_not_deadlines(s: str) -> str:
    for pattern in _NOT_DEADLINE_RES:
        s = pattern.sub(lambda m: "_" * len(m.group()), s)
    return s


def parse_deadline(text: str, *, reference: datetime.date | None = None) -> datetime.date | None:
    """The deadline an item's text gives, or None (see :func:`deadline_with_rule`)."""
    return deadline_with_rule(text, reference=reference)[0]


def deadline_with_rule(text: str, *, reference: datetime.date | None = None) -> tuple[datetime.date | None, str]:
    """The deadline an item's text gives, or None, and the rule that gave it.

    Dates need a deadline cue (*trước*, *chậm nhất*, *trong*, *hoàn thành*...), so a
    date that only says when the meeting took place is ignored. `reference` (the
    notice's date) supplies the year when the text leaves it out. Recurring wording
    (*hằng quý*, *thường xuyên*) gives None unless an exact date is also written.
    A firm date (*trước ngày*, *chậm nhất*) is the deadline; otherwise, with several
    deadlines in one item, the latest (when the whole item is done).

    The rule is a code: ``exact``, ``month``, ``quarter``, ``half_year``, ``year``,
    ``this_year``, with ``+inferred_year`` when the year came from the notice's date;
    ``recurring`` or ``none`` when there is no deadline.
    """
    s = _mask_not_deadlines(normalize(text))
    # (date, rule, cue)
    exact: list[tuple[datetime.date, str, str]] = []
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
        exact.append((found, "exact" if year else "exact+inferred_year", m["cue"]))

    periods: list[tuple[datetime.date | None, str, str]] = []
    for m in _MONTH_RE.finditer(s):
        back = 1 if m["cue"] == "truoc" else 0
        periods.append((_period_end(m["y"], int(m["m"]), reference, back=back), _rule("month", m["y"]), m["cue"]))
    for m in _QUARTER_RE.finditer(s):
        quarter = _ROMAN.get(m["q"]) or int(m["q"])
        back = 3 if m["cue"] == "truoc" else 0
        periods.append((_period_end(m["y"], 3 * quarter, reference, back=back), _rule("quarter", m["y"]), m["cue"]))
    for m in _PART_YEAR_RE.finditer(s):
        month = int(m["n"]) if m["part"] == "dau" else 12
        periods.append((_period_end(m["y"], month, reference), _rule("half_year", m["y"]), m["cue"]))
    for m in _YEAR_RE.finditer(s):
        periods.append((datetime.date(int(m["y"]) - (m["cue"] == "truoc"), 12, 31), "year", m["cue"]))
    if reference and _THIS_YEAR_RE.search(s):
        periods.append((datetime.date(reference.year, 12, 31), "this_year", "trong"))

    found_periods = [(d, rule, cue) for d, rule, cue in periods if d]
    firm = [e for e in exact if e[2] in _FIRM_CUES]
    if firm:
        candidates = firm + [p for p in found_periods if p[2] in _FINISH_CUES]
    elif _RECURRING_RE.search(s):
        candidates = exact
    else:
        candidates = exact + found_periods  # type: ignore[operator]
    if not candidates:
        return None, ("recurring" if _RECURRING_RE.search(s) else "none")
    date, rule, _ = max(candidates, key=lambda c: c[0])  # type: ignore[arg-type,return-value]
    return date, rule


def _rule(name: str, year: str | None) -> str:
    return name if year else f"{name}+inferred_year"


_PLACE_DATE_RE = re.compile(r"^[^,]{2,60},\s*ngay\s+\d")


def _reference_date(text: str) -> datetime.date | None:
    """The notice's date: the place-date line ("Châu Thành, ngày 06 tháng 01 năm 2027"),
    else the first full date in the text. Deadlines written without a year take its year."""
    for line in text.split("\n"):
        if _PLACE_DATE_RE.match(normalize(line.strip())):
            found = _document_date(line)
            if found:
                return found
    return _document_date(text)


def _document_date(s: str) -> datetime.date | None:
    """The first full date in `s` (the notice's date or the meeting's)."""
    m = re.search(
        r"(?:\bngay\s+|(?<![\d/.-]))(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b"
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


# "CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN": the signature block's position line.
_POSITION_RE = re.compile(
    r"^(?:(?:kt|tm|tl|ktl|q)\s*\.?\s*)?(?:pho\s+)?(?:chu tich|giam doc|chanh van phong|truong phong|bi thu"
    r"|uy ban nhan dan|ubnd|thu truong)\b"
)
_PERSON_RE = re.compile(r"^(?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*\s+){1,5}[A-ZÀ-ỸĐ][\wÀ-ỹ]*$")


def document_signer(text: str) -> str:
    """The signer's name from the signature block ("CHỦ TỊCH" then "Nguyễn Văn Bình"), or ""."""
    lines = [line.strip() for line in _clean_text(text).split("\n") if line.strip()]
    for n in range(len(lines) - 1, 0, -1):
        line = lines[n]
        if not _PERSON_RE.match(line) or _POSITION_RE.match(normalize(line)):
            continue
        if any(_POSITION_RE.match(normalize(x)) for x in lines[max(0, n - 3) : n]):
            return line.title() if line.isupper() else line
    return ""
