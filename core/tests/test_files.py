"""The upload policy (core.files, issue 9): type by content, archive limits, size limits in the API import,
the virus-scan hook, commands; each refusal in Vietnamese, before anything is written."""

import io
import os
import socket
import struct
import threading
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from core import files
from core.errors import ApplicationError
from core.models import ImportJob

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200  # a Windows program's first bytes


@pytest.fixture(scope="session")
def xlsx_bomb() -> bytes:
    """An XLSX of a couple of MB whose sheet expands to 1 GB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        block = b" " * (4 * 1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(256):
                sheet.write(block)
    return buffer.getvalue()


def _xlsx(rows=(("Mã hồ sơ",),)) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_executable_named_pdf_is_refused():
    with pytest.raises(ApplicationError, match="là chương trình chạy được"):
        files.check_upload(SimpleUploadedFile("bao-cao.pdf", EXE), allowed=(".pdf",), max_mb=5)


def test_the_extension_must_match_the_content():
    with pytest.raises(ApplicationError, match="không phải là tệp .docx"):
        files.check_upload(SimpleUploadedFile("a.docx", b"%PDF-1.7\n"), allowed=(".docx", ".pdf"), max_mb=5)
    files.check_upload(SimpleUploadedFile("a.xlsx", _xlsx()), allowed=(".xlsx",), max_mb=5)
    files.check_upload(SimpleUploadedFile("a.csv", "Mã,Tên\n1,Một\n".encode()), allowed=(".csv",), max_mb=5)


def test_an_xlsx_bomb_is_refused_before_it_is_read(xlsx_bomb):
    assert len(xlsx_bomb) < 5 * 1024 * 1024
    with pytest.raises(ApplicationError, match="giải nén ra quá lớn"):
        files.check_import(SimpleUploadedFile("ho-so.xlsx", xlsx_bomb))


def test_an_archive_whose_directory_lies_is_stopped_while_decompressing(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 1024 * 1024))
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_MB = 2
    with pytest.raises(ApplicationError, match="giải nén ra quá lớn"):
        files.check_import(SimpleUploadedFile("a.xlsx", buffer.getvalue()))


def test_too_many_entries_are_refused(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        for i in range(30):
            archive.writestr(f"x/{i}", "")
    settings.UPLOAD_ZIP_MAX_ENTRIES = 20
    with pytest.raises(ApplicationError, match="quá nhiều thành phần"):
        files.check_upload(SimpleUploadedFile("a.docx", buffer.getvalue()), allowed=(".docx",), max_mb=5)


@pytest.mark.django_db
def test_the_api_import_applies_size_and_type_limits(admin_user, settings, xlsx_bomb):
    from onestop.models import Dossier

    api = APIClient()
    api.force_authenticate(admin_user)
    url = "/api/v1/onestop/imports/dossiers/"
    settings.IMPORT_MAX_MB = 1
    big = SimpleUploadedFile("ho-so.csv", b"Ma,Ten\n" + b"x,y\n" * 300_000)
    response = api.post(url, {"file": big}, format="multipart")
    assert response.status_code == 400
    assert "quá lớn (tối đa 1 MB)" in str(response.json())
    settings.IMPORT_MAX_MB = 200
    for upload, message in (
        (SimpleUploadedFile("ho-so.csv", EXE), "là chương trình chạy được"),
        (SimpleUploadedFile("ho-so.xlsx", xlsx_bomb), "giải nén ra quá lớn"),
    ):
        response = api.post(url, {"file": upload}, format="multipart")
        assert response.status_code == 400
        assert message in str(response.json())
    assert ImportJob.objects.count() == 0 and Dossier.objects.count() == 0
    staged = Path(settings.MEDIA_ROOT) / "imports"
    assert not staged.exists() or not any(staged.iterdir())


@pytest.mark.django_db
def test_an_import_command_refuses_a_disguised_program(tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_bytes(EXE)
    with pytest.raises(CommandError, match="là chương trình chạy được"):
        call_command("import_dossiers", str(path), stdout=io.StringIO(), stderr=io.StringIO())


# --- The virus-scan hook: a fake clamd ---------------------------------------------------------


class FakeClamd:
    """Speaks clamd's INSTREAM on 127.0.0.1 (or a unix socket) and answers `reply` to every scan."""

    def __init__(self, reply: bytes, unix_path: str | None = None):
        self.reply, self.received = reply, b""
        if unix_path:
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(unix_path)
            self.address = unix_path
        else:
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", 0))
            self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.server.listen(1)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, connection, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = connection.recv(n - len(data))
            if not part:
                raise ConnectionError
            data += part
        return data

    def _serve(self):
        connection, _address = self.server.accept()
        with connection:
            assert self._read(connection, len(b"zINSTREAM\0")) == b"zINSTREAM\0"
            while length := struct.unpack("!L", self._read(connection, 4))[0]:
                self.received += self._read(connection, length)
            connection.sendall(self.reply)

    def close(self):
        self.thread.join(timeout=5)
        self.server.close()


def test_a_virus_found_by_clamd_refuses_the_file(settings):
    clamd = FakeClamd(b"stream: Eicar-Test-Signature FOUND\0")
    settings.CLAMAV_SOCKET = clamd.address
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 eicar")
    with pytest.raises(ApplicationError, match="chứa virus \\(Eicar-Test-Signature\\)"):
        files.check_upload(upload, allowed=(".pdf",), max_mb=5)
    clamd.close()
    assert clamd.received == b"%PDF-1.4 eicar"


def test_a_clean_file_passes_the_scan_over_a_unix_socket(settings, tmp_path):
    path = str(tmp_path / "clamd.sock")
    clamd = FakeClamd(b"stream: OK\0", unix_path=path)
    settings.CLAMAV_SOCKET = path
    files.check_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 clean"), allowed=(".pdf",), max_mb=5)
    clamd.close()


def test_a_configured_scanner_that_does_not_answer_refuses(settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there any more
    settings.CLAMAV_SOCKET = f"tcp://127.0.0.1:{port}"
    with pytest.raises(ApplicationError, match="Không kiểm tra được virus"):
        files.check_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), allowed=(".pdf",), max_mb=5)


def test_no_scanner_configured_is_a_no_op(settings):
    settings.CLAMAV_SOCKET = ""
    files.check_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), allowed=(".pdf",), max_mb=5)


def test_storage_names_are_random_and_keep_only_a_safe_extension():
    first, second = files.storage_name("x", "Báo cáo quý.PDF"), files.storage_name("x", "Báo cáo quý.PDF")
    assert first != second and first.endswith(".pdf") and "Báo" not in first
    assert files.storage_name("x", "a.p/../hp").startswith("x/") and os.sep + ".." not in files.storage_name(
        "x", "../a"
    )


def test_a_docx_bomb_is_refused_before_it_is_read():
    """A DOCX of a few hundred kB whose document.xml expands to 256 MB (default limits: the ratio stops it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            block = b" " * (4 * 1024 * 1024)
            for _ in range(64):
                document.write(block)
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(ApplicationError, match="giải nén"):
        files.check_upload(SimpleUploadedFile("thong-bao.docx", buffer.getvalue()), allowed=(".docx",), max_mb=20)
