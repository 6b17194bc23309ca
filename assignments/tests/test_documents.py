"""Reading notice files (.pdf especially) and what bad files get: a Vietnamese message
within seconds, never a 500, and nothing written (DOMAIN §2 "Input formats")."""

import io
import json
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments.models import Directive, DirectiveItem
from assignments.parsing import parse_conclusion, read_document_text
from assignments.parsing.documents import PDF_MAX_PAGES, _drop_running_lines

FIXTURES = Path(__file__).parent / "fixtures" / "conclusions"
KEYS = ("kind", "recipients", "coordinators", "deadline")


def _pdf(pages: int = 1, content: bytes | None = None) -> bytes:
    """A PDF of blank pages (no text layer: like a scan), or one page with `content`
    as its (Flate-compressed) content stream."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if content is not None:
        stream = StreamObject()
        stream._data = content
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _bomb() -> bytes:
    """~200 MB of spaces compressed to a few hundred kB, as a page's content stream."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()
    return _pdf(content=data)


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Mã hồ sơ", "Ngày tiếp nhận"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- The reader ---------------------------------------------------------------------------


def test_the_05_pdf_gives_the_same_items_as_its_text() -> None:
    expected = json.loads((FIXTURES / "05-huyen-cong-van.expected.json").read_text(encoding="utf-8"))
    from_pdf = parse_conclusion(read_document_text(FIXTURES / "05-huyen-cong-van.pdf"))
    assert [{k: i.as_dict()[k] for k in KEYS} for i in from_pdf] == expected


def test_pdf_from_an_upload_without_a_name_is_recognised() -> None:
    data = (FIXTURES / "05-huyen-cong-van.pdf").read_bytes()
    assert "Chủ tịch UBND huyện yêu cầu" in read_document_text(io.BytesIO(data))


def test_page_numbers_and_running_headers_are_dropped() -> None:
    pages = [
        ["UBND HUYỆN CHÂU THÀNH - Công văn 27/UBND-NV", "1. Giao Phòng Nội vụ rà soát", "thủ tục hành chính.", "- 1 -"],
        ["UBND HUYỆN CHÂU THÀNH - Công văn 27/UBND-NV", "2. Giao Phòng Tư pháp kiểm tra.", "Trang 2/3"],
        ["UBND HUYỆN CHÂU THÀNH - Công văn 27/UBND-NV", "3. Đề nghị Bưu điện huyện hỗ trợ.", "3"],
    ]
    assert _drop_running_lines(pages) == [
        "1. Giao Phòng Nội vụ rà soát",
        "thủ tục hành chính.",
        "2. Giao Phòng Tư pháp kiểm tra.",
        "3. Đề nghị Bưu điện huyện hỗ trợ.",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống"),
        (_xlsx(), "không phải PDF"),
        (b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), "quá lớn"),
        (_pdf(), "không có lớp chữ"),
        (_pdf(pages=PDF_MAX_PAGES + 1), "quá nhiều trang"),
        (_bomb(), "quá lớn hoặc quá phức tạp"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", "Không đọc được tệp PDF"),
    ],
    ids=["empty", "xlsx-renamed", "too-big", "scanned", "too-many-pages", "bomb", "damaged"],
)
def test_bad_pdfs_get_a_vietnamese_message(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_document_text(io.BytesIO(data), filename="thong-bao.pdf")


def test_a_docx_that_is_not_a_zip_gets_a_message() -> None:
    with pytest.raises(ValueError, match="không phải .docx"):
        read_document_text(io.BytesIO(b"hello"), filename="thong-bao.docx")


# --- Through the upload page: a message, and nothing created ---------------------------------


def _upload(client, org, name: str, data: bytes):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(
        reverse("assignments:directive_new"),
        {"issuing_unit": org.root.pk, "number": "27/UBND-NV", "date": "06/01/2027", "text": "", "file": upload},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"", "Tệp trống"),
        # The upload policy (core.files) answers these two before the PDF reader is reached.
        (_xlsx, "không phải là tệp .pdf"),
        (lambda: b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), "quá lớn (tối đa"),
        (_pdf, "Tệp PDF không có lớp chữ"),
        (lambda: _pdf(pages=PDF_MAX_PAGES + 1), "Tệp PDF có quá nhiều trang"),
        (_bomb, "Tệp PDF quá lớn hoặc quá phức tạp"),
    ],
    ids=["empty", "xlsx-renamed", "50-mb", "scanned", "too-many-pages", "bomb"],
)
def test_bad_pdf_uploads_get_a_message_and_create_nothing(client, org, focal_point, make, message) -> None:
    client.force_login(focal_point)
    response = _upload(client, org, "thong-bao.pdf", make())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Directive.objects.exists() and not DirectiveItem.objects.exists()


@pytest.mark.django_db
def test_the_05_pdf_upload_creates_a_draft_with_its_six_items(client, org, focal_point) -> None:
    client.force_login(focal_point)
    response = _upload(client, org, "05-huyen-cong-van.pdf", (FIXTURES / "05-huyen-cong-van.pdf").read_bytes())
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert directive.items.count() == 6
    assert directive.items.first().recipients == ["Chủ tịch UBND các xã, thị trấn"]


def _zlib_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def test_a_pdf_stream_inflating_past_our_limit_is_refused_under_pypdfs_own() -> None:
    """20 MB of page content from ~20 kB: under pypdf's default limits (75 MB), over ours (8 MB per stream)."""
    from assignments.parsing.documents import PDF_MAX_STREAM_BYTES

    data = _pdf(content=_zlib_bomb(20))
    assert len(data) < 100_000 and 20 << 20 > PDF_MAX_STREAM_BYTES
    with pytest.raises(ValueError, match="quá lớn hoặc quá phức tạp"):
        read_document_text(io.BytesIO(data), filename="thong-bao.pdf")


def test_pdf_pages_together_may_not_inflate_past_the_total_budget() -> None:
    """Six pages of 6 MB each: every stream is under the per-stream limit, together they are over 32 MB."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    content = _zlib_bomb(6)
    for _i in range(6):
        page = writer.add_blank_page(width=595, height=842)
        stream = StreamObject()
        stream._data = content
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValueError, match="quá lớn hoặc quá phức tạp"):
        read_document_text(io.BytesIO(buffer.getvalue()), filename="thong-bao.pdf")
