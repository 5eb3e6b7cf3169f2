"""Negotiation on a draft successor: a party's proposal to change an agreement, and the parties' comments.

A proposal holds only what it changes (a field left None stays as it is); the coordinator records the
outcome after discussion. An outcome that changes the text (taken over, changed) is applied as a new
version of the draft agreement, linked from the proposal (``applied_version``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import OwnedModel

__all__ = ["Proposal", "ProposalComment", "ProposalState"]


class ProposalState(models.TextChoices):
    OPEN = "open", _("open")
    TAKEN_OVER = "taken_over", _("taken over")
    CHANGED = "changed", _("taken over with changes")
    REJECTED = "rejected", _("rejected")


class Proposal(OwnedModel):
    """A party's proposal to change one agreement of a draft; ``owner`` is the proposing party."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    # None: unchanged; "" proposes to empty the field (parties, lead, due moment), so null is meaningful here.
    subject = models.CharField(_("proposed subject"), max_length=300, null=True, blank=True)  # noqa: DJ001
    text = models.TextField(_("proposed text"), null=True, blank=True)  # noqa: DJ001
    parties_raw = models.CharField(_("proposed parties"), max_length=300, null=True, blank=True)  # noqa: DJ001
    leads_raw = models.CharField(_("proposed lead"), max_length=300, null=True, blank=True)  # noqa: DJ001
    due_raw = models.CharField(_("proposed due moment"), max_length=300, null=True, blank=True)  # noqa: DJ001
    reason = models.TextField(_("reason"), blank=True)
    # The draft's version the proposal was made against: its redline is against the current text.
    based_on_version = models.PositiveIntegerField(_("made against version"), default=1)
    state = models.CharField(
        _("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    applied_version = models.OneToOneField(
        "agreements.AgreementVersion",
        verbose_name=_("applied as version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["agreement", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=ProposalState.OPEN) | Q(decided_at__isnull=False),
                name="proposal_decided_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.number}: {self.owner}"

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.OPEN

    def changes(self) -> dict[str, str]:
        """The fields the proposal changes, with their proposed values."""
        return {
            name: value
            for name in ("subject", "text", "parties_raw", "leads_raw", "due_raw")
            if (value := getattr(self, name)) is not None
        }


class ProposalComment(models.Model):
    """A party's comment on a proposal, for the discussion before the outcome."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on a proposal")
        verbose_name_plural = _("comments on proposals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"
