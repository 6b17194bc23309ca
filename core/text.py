"""Text helpers for Vietnamese names: diacritic-free comparison and search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_diacritics(value: str) -> str:
    # NFD splits base letters from tone marks; đ/Đ has no decomposition so map it by hand.
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize(value: str) -> str:
    """Lower-case, no diacritics, single spaces: 'Phòng  Nội vụ' -> 'phong noi vu'."""
    value = value.replace("\u00a0", " ")
    return _SPACES.sub(" ", strip_diacritics(value).lower()).strip()


# Long forms that documents write instead of the usual abbreviations.
_ABBREVIATIONS = [
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
    (re.compile(r"\bthi tran\b"), "tt"),
]


def normalize_unit_name(value: str) -> str:
    """Normalised for matching unit names: also folds 'Ủy ban nhân dân' to 'ubnd' and similar."""
    text = normalize(value).replace("-", " ").replace("–", " ")
    text = re.sub(r"[.,;:()]", " ", text)
    for pattern, short in _ABBREVIATIONS:
        text = pattern.sub(short, text)
    return _SPACES.sub(" ", text).strip()
