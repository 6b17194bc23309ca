"""The parser's own test corpus: loading cases and scoring item-level accuracy.

Used by the tests (one test per case) and by ``make bench`` (accuracy by style,
written to docs/assignments.md). A case's format is described at the top of
``assignments/tests/fixtures/corpus/cases.txt``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"
STYLES = {"notice": "Thông báo kết luận (gọn)", "congvan": "Công văn", "press": "Tin báo chí", "pdf": "PDF"}


@dataclass
class Case:
    id: str
    style: str
    text: str
    expected: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pdf_path(self) -> Path:
        return CORPUS_DIR / "pdf" / f"{self.id}.pdf"


def _split(field_text: str) -> list[str]:
    return [part.strip() for part in field_text.split(" + ") if part.strip()]


def load_cases(path: Path | None = None) -> list[Case]:
    cases: list[Case] = []
    lines: list[str] = []
    current: Case | None = None
    for raw in (path or CORPUS_DIR / "cases.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("### "):
            case_id, style = raw[4:].split()
            current = Case(case_id, style, "")
            cases.append(current)
            lines = []
        elif current is None or (raw.startswith("#") and not lines):
            continue
        elif raw.startswith("=> "):
            current.text = "\n".join(lines).strip()
            if raw.strip() == "=> none":
                continue
            kind, recipients, coordinators, deadline = (part.strip() for part in raw[3:].split("|"))
            current.expected.append(
                {
                    "kind": kind,
                    "recipients": _split(recipients),
                    "coordinators": _split(coordinators),
                    "deadline": None if deadline in ("", "-") else deadline,
                }
            )
        else:
            lines.append(raw)
    return cases


def load_directory() -> list[str]:
    """Unit names of the imaginary trees the corpus is written for (the gazetteer)."""
    text = (CORPUS_DIR / "directory.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def item_score(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> tuple[int, int]:
    """(items exactly right, items counted): an item is right when kind, recipients,
    coordinators and deadline all match the expected item at the same place; a missed
    or a spurious item counts against."""
    right = sum(1 for e, g in zip(expected, got, strict=False) if e == g)
    return right, max(len(expected), len(got))


def accuracy_by_style(results: Iterable[tuple[Case, list[dict[str, Any]]]]) -> dict[str, tuple[int, int, int]]:
    """style -> (cases, items right, items counted)."""
    table: dict[str, list[int]] = {}
    for case, got in results:
        right, counted = item_score(case.expected, got)
        if not counted:
            right = counted = 1  # a text with no task, rightly left without items
        row = table.setdefault(case.style, [0, 0, 0])
        row[0] += 1
        row[1] += right
        row[2] += counted
    return {style: (r[0], r[1], r[2]) for style, r in table.items()}
