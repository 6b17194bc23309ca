"""Text helpers for Vietnamese names: diacritic-free comparison and search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


# đ/Đ has no Unicode decomposition, so map it by hand; dashes of every width become "-".
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def strip_diacritics(value: str) -> str:
    # NFD splits base letters from tone marks, which are then dropped.
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(value: str) -> str:
    """Lower-case, no diacritics, single spaces: 'Phòng  Nội vụ' -> 'phong noi vu'."""
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


_DIGITS = re.compile(r"(\d+)")


def natural_key(value: str) -> list:
    """Sort key for names: without diacritics, numbers by value ('Phường 2' before 'Phường 10', 'Đông' among
    the d's rather than after z)."""
    parts = _DIGITS.split(normalize(value))
    # split() puts text at even and digits at odd positions, so like compares with like.
    return [int(part) if index % 2 else part for index, part in enumerate(parts)]
