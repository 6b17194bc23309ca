"""Reading notice files: .txt, .docx and .pdf (text layer)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import IO, Any

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


# Limits for PDF input: a notice is a few pages; anything far bigger is refused early,
# before pypdf decodes it.
PDF_MAX_BYTES = 20 * 1024 * 1024
PDF_MAX_PAGES = 100
PDF_MAX_CHARS = 1_000_000
PDF_TIME_BUDGET_SECONDS = 10.0
# Inner streams: pypdf's defaults (75 MB decoded per stream, 300 MB of decoding work) are meant for any PDF;
# a notice's page content is kilobytes. Each stream may decode to at most 8 MB, all page contents together to
# 32 MB, and no external decoder (jbig2dec) is run on uploaded data.
PDF_MAX_STREAM_BYTES = 8 * 1024 * 1024
PDF_MAX_DECODED_BYTES = 32 * 1024 * 1024
PDF_LIMITS = {
    "maximum_declared_stream_length": PDF_MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "zlib_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "lzw_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "run_length_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "brotli_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": PDF_MAX_STREAM_BYTES,
    "image_maximum_buffer_size": PDF_MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 2 * PDF_MAX_STREAM_BYTES,
    "jbig2dec_binary": None,
}

_PAGE_NUMBER_RE = re.compile(r"^[\W_]*(?:trang\s*)?\d{1,4}(?:\s*(?:/|tren)\s*\d{1,4})?[\W_]*$")
_DIGITS_RE = re.compile(r"\d+")
# What a browser or a portal prints at a page's edge: an address, "12/4/26, 8:50 PM".
_PRINT_STAMP_RE = re.compile(r"://|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}")


class PdfTooBigError(ValueError):
    """The PDF is larger than a notice can be."""


def _pdf_text(data: bytes) -> str:
    """The text layer of a PDF, with page numbers and running headers/footers dropped.

    Raises ValueError with a Vietnamese message for anything that is not a readable
    notice: not a PDF, encrypted, too big, too many pages, or scanned (no text layer).
    """
    import time

    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    if not data.strip():
        raise ValueError("Tệp trống: không có nội dung để đọc.")
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise ValueError("Tệp không phải PDF (nội dung không đúng định dạng PDF). Hãy chọn đúng tệp văn bản.")
    if len(data) > PDF_MAX_BYTES:
        raise PdfTooBigError(
            f"Tệp PDF quá lớn ({len(data) // (1024 * 1024)} MB; tối đa {PDF_MAX_BYTES // (1024 * 1024)} MB "
            "cho một thông báo)."
        )
    started = time.monotonic()
    try:
        with apply_configuration(**PDF_LIMITS):
            pages = _pdf_pages(data, started)
    except ValueError:
        raise
    except LimitReachedError as exc:
        raise PdfTooBigError("Tệp PDF quá lớn hoặc quá phức tạp để đọc (không giống một thông báo).") from exc
    except (PyPdfError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        raise ValueError("Không đọc được tệp PDF: tệp hỏng hoặc không đúng định dạng.") from exc
    lines = _drop_running_lines(pages)
    if not any(line for line in lines if any(c.isalpha() for c in line)):
        raise ValueError(
            "Tệp PDF không có lớp chữ (có thể là bản quét/ảnh chụp): hệ thống không đọc được. "
            "Hãy dùng bản PDF xuất từ phần mềm soạn thảo, tệp .docx, hoặc dán nội dung văn bản."
        )
    return "\n".join(lines)


def _pdf_pages(data: bytes, started: float) -> list[list[str]]:
    """The lines of each page, under the page, text, decoded-size and time budgets."""
    import time

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("Tệp PDF có mật khẩu: hãy gỡ mật khẩu hoặc dán nội dung văn bản.")
    declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
    if not isinstance(declared, int) or declared > PDF_MAX_PAGES:
        raise PdfTooBigError(f"Tệp PDF có quá nhiều trang (tối đa {PDF_MAX_PAGES} trang cho một thông báo).")
    pages: list[list[str]] = []
    total = decoded = 0
    for page in reader.pages:
        if len(pages) >= PDF_MAX_PAGES:
            raise PdfTooBigError(f"Tệp PDF có quá nhiều trang (tối đa {PDF_MAX_PAGES} trang cho một thông báo).")
        contents = page.get_contents()
        if contents is not None:
            decoded += len(contents.get_data())  # under PDF_LIMITS: a bomb stops here, loudly
            if decoded > PDF_MAX_DECODED_BYTES:
                raise PdfTooBigError("Tệp PDF quá lớn hoặc quá phức tạp để đọc (không giống một thông báo).")
        text = page.extract_text() or ""
        total += len(text)
        if total > PDF_MAX_CHARS or time.monotonic() - started > PDF_TIME_BUDGET_SECONDS:
            raise PdfTooBigError("Tệp PDF quá lớn hoặc quá phức tạp để đọc (không giống một thông báo).")
        pages.append([line.strip() for line in text.splitlines()])
    return pages


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Lines of all pages, without page numbers and the headers/footers repeated on
    most pages (compared with their digits masked: "Trang 2" and "Trang 3" repeat)."""
    from core.text import normalize

    def key(line: str) -> str:
        return _DIGITS_RE.sub("#", normalize(line))

    running: set[str] = set()
    if len(pages) >= 2:
        counts: dict[str, int] = {}
        for page in pages:
            content = [line for line in page if line]
            for line in {key(x) for x in content[:2] + content[-2:]}:
                counts[line] = counts.get(line, 0) + 1
        running = {line for line, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}
    out: list[str] = []
    for page in pages:
        content = [line for line in page if line]
        for n, line in enumerate(content):
            edge = n < 2 or n >= len(content) - 2
            if edge and (
                _PAGE_NUMBER_RE.match(normalize(line)) or key(line) in running or _PRINT_STAMP_RE.search(line)
            ):
                continue
            out.append(line)
    return out


def read_document_text(path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str], filename: str | None = None) -> str:
    """Text of a notice file: .txt (UTF-8, with or without BOM), .docx or .pdf (its text layer).

    Accepts a path or an open file (e.g. an upload); `filename` tells the format when
    the file object has no useful name. Raises ValueError with a Vietnamese message for
    what cannot be read.
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
    if suffix == ".pdf" or (not suffix and data[:5] == b"%PDF-"):
        return _pdf_text(data)
    if suffix == ".docx" or (not suffix and data[:2] == b"PK"):
        if not data.strip():
            raise ValueError("Tệp trống: không có nội dung để đọc.")
        if data[:2] != b"PK":
            raise ValueError("Tệp không phải .docx (nội dung không đúng định dạng Word). Hãy chọn đúng tệp văn bản.")
        return _docx_text(data)
    if suffix in ("", ".txt", ".text"):
        return _decode(data)
    raise ValueError(f"Không đọc được tệp {suffix}: chỉ nhận .txt (UTF-8), .docx hoặc .pdf.")
