"""Imports and exports leave a security event: who, when, from where, which file, what it did."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import SecurityEvent
from organizations.tests.test_units import HEADER

UNITS = (HEADER + "P,UBND huyện Mới,,,Ủy ban nhân dân,,,\n").encode()


def test_web_import_is_recorded_with_user_ip_file_and_counts(client, admin_user):
    client.force_login(admin_user)
    url = reverse("organizations:unit_import")
    preview = client.post(url, {"file": SimpleUploadedFile("don-vi.csv", UNITS)})
    token = preview.context["token"]
    client.post(url, {"token": token, "filename": "don-vi.csv"}, REMOTE_ADDR="198.51.100.4")
    event = SecurityEvent.objects.get(kind="import")
    assert event.user == admin_user
    assert event.ip == "198.51.100.4"
    assert event.detail["filename"] == "don-vi.csv"
    assert "1" in event.detail["summary"]


def test_command_import_is_recorded(db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(UNITS)
    call_command("import_units", str(path), stdout=io.StringIO())
    event = SecurityEvent.objects.get(kind="import")
    assert event.detail["source"] == "command"
    assert event.detail["filename"] == str(path)


def test_export_is_recorded(client, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("organizations:unit_list") + "?export=xlsx", REMOTE_ADDR="198.51.100.5")
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind="export")
    assert (event.user, event.ip, event.detail["file"]) == (officer_a, "198.51.100.5", "don-vi.xlsx")
    assert "no-store" in response["Cache-Control"]
