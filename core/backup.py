"""Backup and restore: the database (PostgreSQL: pg_dump/pg_restore; SQLite: the backup API) and the media
files, in one .tar.gz with a manifest of row counts and file checksums that a restore verifies.

Media go through Django's storage API (`default_storage`), so files on S3-compatible storage are backed up
and restored the same way as files on disk."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    pass


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._base_manager.using("default").count()
    return counts


def _storage_files(storage, directory: str = "") -> list[str]:
    """Every file name in the storage, recursively (listdir works on disk, S3 and in memory)."""
    try:
        dirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{name}" if directory else name for name in files]
    for sub in dirs:
        names += _storage_files(storage, f"{directory}/{sub}" if directory else sub)
    return sorted(names)


def _sha256(storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(storage=None) -> dict[str, str]:
    storage = storage if storage is not None else default_storage
    return {name: _sha256(storage, name) for name in _storage_files(storage)}


def _add_media(archive: tarfile.TarFile, storage, names: list[str]) -> None:
    for name in names:
        info = tarfile.TarInfo(f"{MEDIA}/{name}")
        info.size = storage.size(name)
        info.mtime = int(timezone.now().timestamp())
        with storage.open(name, "rb") as handle:
            archive.addfile(info, handle)


def _restore_media(source: Path, storage) -> None:
    """Make the storage hold exactly the archive's files."""
    for name in _storage_files(storage):
        storage.delete(name)
    if not source.exists():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            name = path.relative_to(source).as_posix()
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"the storage renamed {name} to {saved}")


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup(path: Path) -> dict[str, Any]:
    """Write the backup archive to `path`; returns its manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "postgresql":
            args, env = _pg_env()
            dump = work / PG_DUMP
            name = str(settings.DATABASES["default"]["NAME"])
            _run(["pg_dump", *args, "--format=custom", "--no-owner", "--no-acl", "-f", str(dump), name], env)
            database = PG_DUMP
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(work / SQLITE_DUMP)
            with target:
                connection.connection.backup(target)
            target.close()
            database = SQLITE_DUMP
        else:
            raise BackupError(f"unsupported database {connection.vendor}")
        names = _storage_files(default_storage)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "counts": row_counts(),
            "media": {name: _sha256(default_storage, name) for name in names},
            "media_backed_up": True,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        with tarfile.open(path, "w:gz") as archive:
            archive.add(work / MANIFEST, arcname=MANIFEST)
            archive.add(work / database, arcname=database)
            _add_media(archive, default_storage, names)
    return manifest


def _safe_extract(archive: tarfile.TarFile, target: Path) -> None:
    root = target.resolve()
    for member in archive.getmembers():
        destination = (target / member.name).resolve()
        if not (destination == root or root in destination.parents) or member.issym() or member.islnk():
            raise BackupError(f"unsafe path in archive: {member.name}")
    archive.extractall(target, filter="data")


def restore(path: Path) -> dict[str, Any]:
    """Replace the database and the media files with the archive's; returns the verification report
    {"counts": {label: (expected, found)} for mismatches, "files": [names that differ], "ok": bool}."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(path, "r:gz") as archive:
            _safe_extract(archive, work)
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        if manifest["vendor"] != connection.vendor:
            raise BackupError(f"backup of {manifest['vendor']} cannot be restored into {connection.vendor}")
        if connection.vendor == "postgresql":
            args, env = _pg_env()
            name = str(settings.DATABASES["default"]["NAME"])
            _run(
                [
                    "pg_restore",
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "-d",
                    name,
                    str(work / PG_DUMP),
                ],
                env,
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(work / SQLITE_DUMP)
            source.backup(connection.connection)
            source.close()
        if manifest.get("media_backed_up"):
            _restore_media(work / MEDIA, default_storage)
    return verify(manifest)


def verify(manifest: dict[str, Any]) -> dict[str, Any]:
    counts = row_counts()
    wrong_counts = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
    }
    files = media_checksums() if manifest.get("media_backed_up") else {}
    wrong_files = (
        sorted(name for name in set(files) | set(manifest["media"]) if files.get(name) != manifest["media"].get(name))
        if manifest.get("media_backed_up")
        else []
    )
    return {"counts": wrong_counts, "files": wrong_files, "ok": not wrong_counts and not wrong_files}


def default_path() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - a local file name
    return Path(settings.BASE_DIR) / "var" / "backups" / f"tiendo-{stamp}.tar.gz"
