"""The bod: a corporation's proposed contribution to the municipality's housing policy (Woningwet art. 44),
brought out by 1 July for the next year; its items per theme, and the tenant organisation's response."""

from __future__ import annotations

import os

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import AttributedModel

__all__ = ["Bod", "BodItem", "BodItemKind", "BodPosition", "BodResponse", "BodState"]

# The name on disk, in bytes: file systems allow 255, and the storage may add a suffix to make it unique.
_MAX_NAME_BYTES = 150


class BodState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class BodItemKind(models.TextChoices):
    NEW_BUILD = "new_build", _("new build")
    SUSTAINABILITY = "sustainability", _("sustainability")
    AFFORDABILITY = "affordability", _("affordability")
    OTHER = "other", _("other")


class BodPosition(models.TextChoices):
    """The tenant organisation's position on its corporation's bod."""

    SUPPORTS = "supports", _("supports")
    WITH_REMARKS = "with_remarks", _("supports with remarks")
    DOES_NOT_SUPPORT = "does_not_support", _("does not support")


def _upload_to(bod: Bod, filename: str) -> str:
    """bod/<covenant>/<year>/<name>: the last part of the name only, shortened to fit every file system.
    The name as uploaded stays in ``filename``, for the download."""
    stem, extension = os.path.splitext(filename.replace("\\", "/").rsplit("/", 1)[-1])
    while len(f"{stem}{extension}".encode()) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return f"bod/{bod.covenant_id}/{bod.year}/{stem}{extension}"


class Bod(AttributedModel):
    """One corporation's bod for one year, under the covenant that runs now (its items answer its
    agreements). Recorded as a draft; submitted on the day it was brought out."""

    covenant = models.ForeignKey(
        "agreements.Covenant", verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="bods"
    )
    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="bods",
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the bod is for."))
    file = models.FileField(_("document"), upload_to=_upload_to, max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=BodState.choices, default=BodState.DRAFT)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bod")
        verbose_name_plural = _("bods")
        ordering = ["covenant", "-year", "corporation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "corporation", "year"],
                name="bod_one_per_corporation_and_year",
                violation_error_message=_("This corporation already has a bod for this year."),
            ),
            models.CheckConstraint(
                condition=Q(state=BodState.DRAFT, submitted_on__isnull=True)
                | Q(state=BodState.SUBMITTED, submitted_on__isnull=False),
                name="bod_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corporation} {self.year}"

    @property
    def is_submitted(self) -> bool:
        return self.state == BodState.SUBMITTED

    @property
    def owner_id(self) -> int:
        """Whose it is, for the history's undo (``operations.history.can_revert``): the corporation's."""
        return self.corporation_id


class BodItem(models.Model):
    """A concrete item of a bod: under a theme, optionally with a number and unit (40 woningen), answering
    an agreement of the current covenant or a new topic."""

    bod = models.ForeignKey(Bod, verbose_name=_("bod"), on_delete=models.CASCADE, related_name="items")
    theme = models.ForeignKey(
        "agreements.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodItemKind.choices, default=BodItemKind.OTHER)
    text = models.TextField(_("text"))
    number = models.DecimalField(
        pgettext_lazy("quantity", "number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("answers agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bod_items",
    )
    new_topic = models.CharField(_("new topic"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bod item")
        verbose_name_plural = _("bod items")
        ordering = ["bod", "theme__number", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=True) | Q(new_topic=""),
                name="bod_item_agreement_or_new_topic",
                violation_error_message=_("An item answers an agreement or a new topic, not both."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def owner_id(self) -> int:
        """Whose it is, for the history's undo: the bod's corporation's."""
        return self.bod.corporation_id


class BodResponse(AttributedModel):
    """The response (WOHV) of the tenant organisation that represents the corporation's tenants."""

    bod = models.ForeignKey(Bod, verbose_name=_("bod"), on_delete=models.CASCADE, related_name="responses")
    tenant_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("tenant organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("response"))
    position = models.CharField(pgettext_lazy("bod", "position"), max_length=20, choices=BodPosition.choices)
    responded_on = models.DateField(_("date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bod response")
        verbose_name_plural = _("bod responses")
        ordering = ["bod", "responded_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bod", "tenant_organisation"],
                name="bod_response_one_per_tenant_organisation",
                violation_error_message=_("This tenant organisation has already responded to this bod."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_organisation} – {self.bod}"

    @property
    def owner_id(self) -> int:
        """Whose it is, for the history's undo: the responding tenant organisation's."""
        return self.tenant_organisation_id
