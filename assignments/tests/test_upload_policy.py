"""Attachments go through the upload policy and are stored under random names (issue 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from assignments.models import Attachment, ProgressReport

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def test_an_executable_named_pdf_is_refused_as_an_attachment(make_assignment, officer_a):
    assignment = make_assignment()
    api = APIClient()
    api.force_authenticate(officer_a)
    response = api.post(
        f"/api/v1/assignments/assignments/{assignment.pk}/report/",
        {"text": "Xong", "files": [SimpleUploadedFile("bao-cao.pdf", EXE)]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "«bao-cao.pdf» là chương trình chạy được" in response.json()["message"]
    assert ProgressReport.objects.count() == 0 and Attachment.objects.count() == 0


def test_an_attachment_keeps_its_name_for_display_but_not_on_disk(make_assignment, officer_a):
    assignment = make_assignment()
    api = APIClient()
    api.force_authenticate(officer_a)
    upload = SimpleUploadedFile("Báo cáo quý 3.pdf", b"%PDF-1.4\n%%EOF\n")
    response = api.post(
        f"/api/v1/assignments/assignments/{assignment.pk}/report/",
        {"text": "Xong", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    assert attachment.name == "Báo cáo quý 3.pdf"
    assert "Báo" not in attachment.file.name and "quy" not in attachment.file.name
    assert attachment.file.name.endswith(".pdf")
