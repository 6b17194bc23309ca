"""The one upload policy: size, type by content, archive limits, a virus scan, random storage names.

Every place that accepts a file (pages, the API, management commands) calls `check_upload` (or
`check_path`) with the extensions it accepts and its size limit; a refusal is an `ApplicationError` with a
Vietnamese message naming the file, raised before anything is written.

- The type is read from the content (magic bytes), never trusted from the name: the extension must agree
  with what the bytes are, and programs (Windows PE, ELF, Mach-O, scripts) are refused whatever their name.
- Office files are zip archives: the entry count, the total uncompressed size and the compression ratio are
  bounded (declared sizes first, then the real ones while decompressing, stopping at the limit), so a 1.6 MB
  XLSX that expands to 1 GB is refused in well under a second.
- A PDF must start like one; its size is bounded (its inner streams are not decompressed here).
- When `CLAMAV_SOCKET` is set ("/run/clamav/clamd.ctl" or "tcp://127.0.0.1:3310"), the bytes are sent to
  clamd (INSTREAM); a virus, or a scanner that does not answer, refuses the file. Unset: no scan.
"""

from __future__ import annotations

import socket
import struct
import uuid
import zipfile
from pathlib import Path, PurePath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import ApplicationError

HEAD_BYTES = 8192
CHUNK = 1024 * 1024

# What the bytes are → the extensions that may carry them.
EXTENSIONS_OF = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "odt": {".odt"},
    "ods": {".ods"},
    "zip": {".zip"},
    "ole": {".doc", ".xls"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "rar": {".rar"},
    "text": {".txt", ".csv"},
}
ZIP_BASED = {"docx", "xlsx", "odt", "ods", "zip"}
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"#!")


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def storage_name(folder: str, filename: str) -> str:
    """A random name under `folder` keeping only a short, safe extension: the user's file name is kept in a
    field for display, never on disk."""
    suffix = PurePath(filename or "").suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 6:
        suffix = ""
    return f"{folder.rstrip('/')}/{uuid.uuid4().hex}{suffix}"


def detect(head: bytes, source: IO[bytes] | None = None) -> str | None:
    """What the first bytes say the file is (see EXTENSIONS_OF), "executable", or None (unknown binary)."""
    if head.startswith(EXECUTABLE_SIGNATURES):
        return "executable"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(source) if source is not None else "zip"
    if b"\x00" not in head:
        for encoding in ("utf-8", "cp1258", "utf-16"):
            try:
                head.decode(encoding)
                return "text"
            except UnicodeDecodeError:
                continue
        return "text" if _mostly_text(head) else None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with a byte-order mark
        return "text"
    return None


def _mostly_text(head: bytes) -> bool:
    # A cut in the middle of a multi-byte character at the end of the head is still text.
    try:
        head[:-4].decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _zip_kind(source: IO[bytes]) -> str:
    try:
        source.seek(0)
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.endswith(b"opendocument.text"):
                    return "odt"
                if mimetype.endswith(b"opendocument.spreadsheet"):
                    return "ods"
            return "zip"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "broken_zip"
    finally:
        source.seek(0)


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(message)


def check_archive(source: IO[bytes], name: str, size: int) -> None:
    """Entry count, total uncompressed size and ratio of a zip (XLSX, DOCX, ODF, ZIP), declared and real."""
    max_entries = _setting("UPLOAD_ZIP_MAX_ENTRIES", 10_000)
    max_total = _setting("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", 500) * 1024 * 1024
    max_ratio = _setting("UPLOAD_ZIP_MAX_RATIO", 300)
    bomb = _("Tệp «%(name)s» giải nén ra quá lớn (nghi là tệp nén độc hại), không nhận.") % {"name": name}
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            if len(entries) > max_entries:
                raise _refuse(
                    _("Tệp «%(name)s» có quá nhiều thành phần (%(n)s, tối đa %(max)s).")
                    % {"name": name, "n": len(entries), "max": max_entries}
                )
            declared = sum(entry.file_size for entry in entries)
            if declared > max_total or declared > max(size, 1) * max_ratio:
                raise _refuse(bomb)
            # The sizes in the directory may lie: count what really comes out, and stop at the limit.
            budget = min(max_total, max(size, 1) * max_ratio)
            produced = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(CHUNK):
                        produced += len(chunk)
                        if produced > budget:
                            raise _refuse(bomb)
    except ApplicationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(_("Tệp «%(name)s» bị hỏng hoặc không đọc được.") % {"name": name}) from exc
    finally:
        source.seek(0)


def scan_for_viruses(source: IO[bytes], name: str) -> None:
    """Send the bytes to clamd (INSTREAM) when CLAMAV_SOCKET is set; refuse a virus or a silent scanner."""
    address = getattr(settings, "CLAMAV_SOCKET", "") or ""
    if not address:
        return
    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 30))
    unavailable = _("Không kiểm tra được virus cho tệp «%(name)s»; hãy thử lại sau.") % {"name": name}
    try:
        if address.startswith("tcp://"):
            host, _sep, port = address.removeprefix("tcp://").rpartition(":")
            connection = socket.create_connection((host, int(port)), timeout=timeout)
        else:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(timeout)
            connection.connect(address)
        with connection:
            connection.sendall(b"zINSTREAM\0")
            source.seek(0)
            while chunk := source.read(64 * 1024):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = connection.recv(4096)
                if not part:
                    break
                reply += part
    except (OSError, ValueError) as exc:
        raise _refuse(unavailable) from exc
    finally:
        source.seek(0)
    text = reply.rstrip(b"\0").decode("utf-8", "replace")
    if text.endswith("FOUND"):
        raise _refuse(_("Tệp «%(name)s» chứa virus (%(virus)s), không nhận.") % {"name": name, "virus": _virus(text)})
    if not text.endswith("OK"):
        raise _refuse(unavailable)


def _virus(reply: str) -> str:
    return reply.removeprefix("stream:").removesuffix("FOUND").strip()


def check_upload(upload, *, allowed: tuple[str, ...] | set[str] | list[str], max_mb: int) -> None:
    """Refuse `upload` (a Django UploadedFile or any named binary file object with a size) unless its size,
    extension and content agree with the policy. Nothing is written; the position is left at 0."""
    name = PurePath(getattr(upload, "name", "") or "").name
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    suffix = PurePath(name).suffix.lower()
    allowed_suffixes = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in allowed}
    if suffix not in allowed_suffixes:
        raise _refuse(
            _("Tệp «%(name)s» không được phép. Chỉ nhận: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(allowed_suffixes))}
        )
    if size > max_mb * 1024 * 1024:
        raise _refuse(_("Tệp «%(name)s» quá lớn (tối đa %(mb)s MB).") % {"name": name, "mb": max_mb})
    if size == 0:
        raise _refuse(_("Tệp «%(name)s» rỗng.") % {"name": name})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = detect(head, upload)
    if kind == "executable":
        raise _refuse(_("Tệp «%(name)s» là chương trình chạy được, không được phép tải lên.") % {"name": name})
    if kind == "broken_zip":
        raise _refuse(_("Tệp «%(name)s» bị hỏng hoặc không đọc được.") % {"name": name})
    if kind is None or suffix not in EXTENSIONS_OF.get(kind, set()):
        raise _refuse(
            _("Nội dung tệp «%(name)s» không phải là tệp %(suffix)s (đuôi tệp không khớp nội dung).")
            % {"name": name, "suffix": suffix}
        )
    if kind in ZIP_BASED:
        check_archive(upload, name, size)
    scan_for_viruses(upload, name)
    upload.seek(0)


IMPORT_EXTENSIONS = (".csv", ".xlsx")


def check_import(upload) -> None:
    """A data file to import (CSV or XLSX) against IMPORT_MAX_MB."""
    check_upload(upload, allowed=IMPORT_EXTENSIONS, max_mb=_setting("IMPORT_MAX_MB", 200))


def check_path(path: str | Path, *, allowed=IMPORT_EXTENSIONS, max_mb: int | None = None) -> None:
    """The same policy for a file given to a management command."""
    from django.core.files import File

    path = Path(path)
    with path.open("rb") as fh:
        check_upload(File(fh, name=path.name), allowed=allowed, max_mb=max_mb or _setting("IMPORT_MAX_MB", 200))


def form_check(upload, **kwargs) -> None:
    """`check_upload` for a form's clean_<field>(): the refusal becomes the field's error."""
    from django import forms

    try:
        check_upload(upload, **kwargs)
    except ApplicationError as exc:
        raise forms.ValidationError(exc.message) from exc
