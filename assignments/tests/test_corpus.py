"""The parser's own corpus (fixtures/corpus/cases.txt): 104 short texts in four styles
(tidy notice, công văn, press report, PDF), one test each, read with the directory as
the database passes it. "pdf" cases are read from real PDF files printed from their text.
Accuracy by style: ``make bench`` (docs/assignments.md)."""

import pytest

from assignments.parsing import parse_conclusion, read_document_text
from assignments.parsing.evaluation import accuracy_by_style, item_score, load_cases, load_directory

KEYS = ("kind", "recipients", "coordinators", "deadline")
CASES = load_cases()
DIRECTORY = load_directory()
# Known misses, kept visible: the case stays in the corpus and in the accuracy figures.
KNOWN_MISSES = {
    "p23": "«trong tháng 6 và tháng 7/2026»: the year written once for two months is not carried back",
}


def _items(text: str) -> list[dict]:
    return [{k: item.as_dict()[k] for k in KEYS} for item in parse_conclusion(text, known_units=DIRECTORY)]


def _text(case) -> str:
    if case.style == "pdf":
        return read_document_text(case.pdf_path)
    return case.text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case) -> None:
    items = _items(_text(case))
    if case.id in KNOWN_MISSES and items != case.expected:
        # A documented miss of the parser (docs/assignments.md): reported as such in every run, and the case
        # passes by itself the day the parser reads it right.
        pytest.xfail(KNOWN_MISSES[case.id])
    assert items == case.expected


def test_corpus_size_and_styles() -> None:
    assert len(CASES) >= 100
    assert {c.style for c in CASES} == {"notice", "congvan", "press", "pdf"}
    assert all(c.pdf_path.exists() for c in CASES if c.style == "pdf")


def test_item_score_counts_misses_and_spurious_items() -> None:
    a = {"kind": "assign", "recipients": ["Phòng Nội vụ"], "coordinators": [], "deadline": None}
    b = {**a, "deadline": "2026-12-31"}
    assert item_score([a, b], [a, b]) == (2, 2)
    assert item_score([a, b], [a]) == (1, 2)
    assert item_score([a], [a, b]) == (1, 2)
    assert item_score([], []) == (0, 0)
    table = accuracy_by_style([(CASES[0], CASES[0].expected)])
    assert table == {CASES[0].style: (1, len(CASES[0].expected), len(CASES[0].expected))}
