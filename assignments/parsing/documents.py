"""Reading notice files: .txt, .docx and .pdf (text layer)."""

from __future__ import annotations

import io
import os
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
