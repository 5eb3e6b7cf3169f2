from django.db import models
from django.utils.translation import gettext_lazy as _

from woonafspraken.documents.reading.source import SourceKind


class SourceKindChoices(models.TextChoices):
    TEXT = SourceKind.TEXT.value, _("text file")
    DOCX = SourceKind.DOCX.value, _("Word file")
    PDF = SourceKind.PDF.value, _("PDF file")


class SourceDocument(models.Model):
    """A document as it was imported, so every covenant can be traced to its source: the text the parser
    read, the original file (Word, PDF) and the review step's corrections it was stored with."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="source_documents"
    )
    filename = models.CharField(_("file name"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)  # of the text: the repeat-import key
    text = models.TextField(_("text"))
    kind = models.CharField(
        _("kind of file"), max_length=8, choices=SourceKindChoices.choices, default=SourceKindChoices.TEXT
    )
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, default="")
    # The uploaded Word or PDF file itself (a text file is the text); at most 5 MB.
    file = models.BinaryField(_("original file"), null=True, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    # SHA-256 of the corrections as canonical JSON ("" for none): the same text with other corrections
    # is another import.
    corrections_key = models.CharField(_("corrections key"), max_length=64, blank=True, default="")
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.PositiveIntegerField(_("changes"), default=0)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "sha256", "corrections_key"], name="source_document_unique_text"
            )
        ]

    def __str__(self) -> str:
        return self.filename


class ReviewState(models.TextChoices):
    REVIEW = "review", _("being reviewed")
    STORED = "stored", _("stored")
    DISCARDED = "discarded", _("discarded")


class ImportReview(models.Model):
    """An uploaded document waiting for the coordinator's review: kept so the review survives page loads.
    Nothing of the register is written until it is stored."""

    filename = models.CharField(_("file name"), max_length=300)
    data = models.BinaryField(_("uploaded file"), blank=True)  # emptied when discarded
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    kind = models.CharField(_("kind of file"), max_length=8, choices=SourceKindChoices.choices)
    # What the reader made of the file, so a page load does not read a PDF again.
    text = models.TextField(_("text"), blank=True)
    places = models.JSONField(_("places"), default=list, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ReviewState.choices, default=ReviewState.REVIEW
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("import under review")
        verbose_name_plural = _("imports under review")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename
