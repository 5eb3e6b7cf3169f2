from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """A document text as it was imported, so every covenant can be traced to its source."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="source_documents"
    )
    filename = models.CharField(_("file name"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    text = models.TextField(_("text"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.PositiveIntegerField(_("changes"), default=0)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "sha256"], name="source_document_unique_text")
        ]

    def __str__(self) -> str:
        return self.filename
