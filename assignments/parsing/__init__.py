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

from core.text import normalize  # noqa: F401 - re-exported: one normalisation for the whole project

from .deadlines import deadline_with_rule, document_header, document_signer, parse_deadline
from .documents import read_document_text
from .items import ParsedItem, parse_conclusion
from .units import split_units

__all__ = [
    "ParsedItem",
    "deadline_with_rule",
    "document_header",
    "document_signer",
    "normalize",
    "parse_conclusion",
    "parse_deadline",
    "read_document_text",
    "split_units",
]
