"""Shared documents keep the name they were uploaded with, whatever the file system allows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.meetings import services
from woonafspraken.meetings.models import SharedDocument

pytestmark = pytest.mark.django_db


def test_a_long_name_in_accented_letters_is_stored(kampen: Covenant, coordinator: User, client: Client):
    """200 characters of 'é' are 400 bytes, more than a file name may have (a server error before)."""
    name = "é" * 200 + ".pdf"
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:document_new", args=[kampen.pk]),
        {"file": SimpleUploadedFile(name, b"%PDF-1.7 x"), "title": "Lang", "kind": "policy"},
    )
    assert response.status_code == 302
    document = SharedDocument.objects.get()
    assert document.filename == name[:200]
    assert document.file.name.endswith(".pdf") and len(document.file.name.rsplit("/", 1)[-1].encode()) <= 150
    assert document.file.read() == b"%PDF-1.7 x"


def test_a_windows_path_in_the_name_stores_only_the_last_part(kampen: Covenant, coordinator: User):
    upload = SimpleUploadedFile("..\\..\\nota.pdf", b"%PDF-1.7 x")
    document = services.document_share(covenant=kampen, user=coordinator, upload=upload, title="Nota")
    assert document.file.name == f"gedeeld/{kampen.pk}/nota.pdf"
