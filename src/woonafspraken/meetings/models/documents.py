from __future__ import annotations

import os

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.agreements.models import Agreement
from woonafspraken.core.models import OwnedModel
from woonafspraken.meetings.constants import DocumentKind

# The name on disk, in bytes: file systems allow 255, and the storage may add a suffix to make it unique.
_MAX_NAME_BYTES = 150


def _upload_to(document: SharedDocument, filename: str) -> str:
    """gedeeld/<covenant>/<name>: the last part of the name only, shortened to fit every file system
    (200 characters of 'é' are 400 bytes). The name as uploaded stays in ``filename``, for the download."""
    stem, extension = os.path.splitext(filename.replace("\\", "/").rsplit("/", 1)[-1])
    while len(f"{stem}{extension}".encode()) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return f"gedeeld/{document.covenant_id}/{stem}{extension}"


class SharedDocument(OwnedModel):
    """A policy document, research or meeting attachment a party shares (afspraak 5.5)."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="shared_documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.POLICY
    )
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    agreements: models.ManyToManyField[Agreement, models.Model] = models.ManyToManyField(
        "agreements.Agreement", related_name="shared_documents", verbose_name=_("agreements"), blank=True
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords(m2m_fields=[agreements])

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
