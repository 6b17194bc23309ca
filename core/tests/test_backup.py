"""Restore drill: back up, damage the data and the files, restore, and compare counts and checksums."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from core.backup import media_checksums, row_counts
from organizations.models import Unit
from organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_backup_then_restore_gives_back_the_same_rows_and_files(org, officer_a, tmp_path):
    default_storage.save("attachments/bien-ban.pdf", ContentFile(b"%PDF-1.4 bien ban"))
    default_storage.save("evidence/2026/minh-chung.docx", ContentFile(b"PK\x03\x04 minh chung"))
    counts, sums = row_counts(), media_checksums()
    assert counts["organizations.Unit"] == 6 and len(sums) == 2

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.exists()

    # Damage: rows deleted and added, a file changed, a file removed, a stray file added.
    Unit.objects.filter(code="X").delete()
    UnitFactory(code="NEW", short_name="Mới", kind="agency", level=org.root.level)
    media = Path(settings.MEDIA_ROOT)
    (media / "attachments" / "bien-ban.pdf").write_bytes(b"tampered")
    (media / "evidence" / "2026" / "minh-chung.docx").unlink()
    (media / "stray.txt").write_text("x")
    assert row_counts() != counts

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "match" in out.getvalue()
    assert row_counts() == counts
    assert media_checksums() == sums
    assert set(Unit.objects.values_list("code", flat=True)) == {"R", "A", "B", "C", "R2", "X"}


def test_restore_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "none.tar.gz"), "--yes")


def test_restore_drill_with_object_storage(org, tmp_path, settings):
    """Media on a storage that is not the file system (S3-compatible in production; Django's in-memory
    storage here) go through the storage API: backed up, damaged, restored, checksums compared."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.files.storage import default_storage as storage

    assert storage.__class__.__name__ == "InMemoryStorage"
    storage.save("attachments/2026/bien-ban.pdf", ContentFile(b"%PDF-1.4 bien ban"))
    storage.save("reports/bao-cao.docx", ContentFile(b"PK\x03\x04 bao cao" * 1000))
    counts, sums = row_counts(), media_checksums()
    assert len(sums) == 2
    assert not Path(settings.MEDIA_ROOT, "reports").exists()  # nothing on disk: the storage holds them

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    storage.delete("reports/bao-cao.docx")
    with storage.open("attachments/2026/bien-ban.pdf", "wb") as handle:
        handle.write(b"tampered")
    storage.save("stray.txt", ContentFile(b"x"))
    assert media_checksums() != sums

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "match" in out.getvalue()
    assert media_checksums() == sums
    assert row_counts() == counts
