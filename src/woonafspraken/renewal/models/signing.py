"""signing: each party's signature under a frozen draft covenant."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["CovenantSignature"]


class CovenantSignature(models.Model):
    """One party's signature under a draft covenant whose text is frozen. When every party has signed,
    the covenant becomes signed (``renewal.services.signing``)."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="signatures", verbose_name=_("covenant")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    signatory = models.CharField(_("signatory"), max_length=200)
    function = models.CharField(_("position"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    date = models.DateField(_("date of signing"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["covenant", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "organisation"], name="signature_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.signatory} ({self.organisation_id}) {self.date.isoformat()}"
