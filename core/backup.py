"""Backup and restore: the database (PostgreSQL: pg_dump/pg_restore; SQLite: the backup API) and the media
files, in one .tar.gz with a manifest of row counts and file checksums that a restore verifies."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
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


def _media_root() -> Path | None:
    if isinstance(default_storage, FileSystemStorage) or default_storage.__class__.__name__ == "FileSystemStorage":
        return Path(settings.MEDIA_ROOT)
    return None  # object storage keeps its own versions: back it up with the provider's tools


def media_checksums(root: Path | None = None) -> dict[str, str]:
    root = root if root is not None else _media_root()
    sums: dict[str, str] = {}
    if root is None or not root.exists():
        return sums
    for path in sorted(root.rglob("*")):
        if path.is_file():
            sums[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


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
        media_root = _media_root()
        manifest = {
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "counts": row_counts(),
            "media": media_checksums(media_root),
            "media_backed_up": media_root is not None,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        with tarfile.open(path, "w:gz") as archive:
            archive.add(work / MANIFEST, arcname=MANIFEST)
            archive.add(work / database, arcname=database)
            if media_root is not None and media_root.exists():
                archive.add(media_root, arcname=MEDIA)
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
        media_root = _media_root()
        if manifest.get("media_backed_up") and media_root is not None:
            if media_root.exists():
                shutil.rmtree(media_root)
            if (work / MEDIA).exists():
                shutil.copytree(work / MEDIA, media_root)
            else:
                media_root.mkdir(parents=True, exist_ok=True)
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
