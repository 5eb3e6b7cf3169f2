"""Negotiation on the draft: a party proposes a change to an agreement, the parties comment, the
coordinator records the outcome. Nothing changes once the draft's text is frozen."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import can_contribute, can_manage_covenant, is_administrator, require
from woonafspraken.agreements.models import Agreement
from woonafspraken.core.models import save_attributed
from woonafspraken.renewal.models import Proposal, ProposalComment, ProposalState
from woonafspraken.renewal.permissions.draft import can_decide as can_decide_proposals
from woonafspraken.renewal.services.structure import lock_open_draft, new_version, require_open_draft

__all__ = ["proposal_comment_add", "proposal_decide", "proposal_submit"]

_FIELDS = ("subject", "text", "parties_raw", "leads_raw", "due_raw")


def proposal_submit(
    *,
    agreement: Agreement,
    user: User,
    party: Organisation | None = None,
    subject: str | None = None,
    text: str | None = None,
    parties_raw: str | None = None,
    leads_raw: str | None = None,
    due_raw: str | None = None,
    reason: str = "",
) -> Proposal:
    """A party proposes to change a draft agreement: only what changes is given (None: unchanged).

    ``party`` is the proposing organisation: the user's own (an administrator may name a party). A party
    never proposes for another.
    """
    covenant = agreement.covenant
    require(can_contribute(user, covenant), _("Only an editor or coordinator of a party proposes changes."))
    proposer = party or user.organisation
    require(
        proposer is not None and (proposer.pk == user.organisation_id or is_administrator(user)),
        _("A party proposes changes for its own organisation only."),
    )
    assert proposer is not None
    require_open_draft(covenant)
    if not covenant.party_links.filter(organisation=proposer).exists():
        raise ValidationError(
            {"party": ValidationError(_("Choose a party of this covenant."), code="not_a_party")}
        )
    proposed = {
        "subject": subject,
        "text": text,
        "parties_raw": parties_raw,
        "leads_raw": leads_raw,
        "due_raw": due_raw,
    }
    changes: dict[str, str | None] = {}
    for name, value in proposed.items():
        cleaned = value.strip() if value is not None else None
        # A field proposed as it stands is no change; an emptied text or subject is no agreement.
        changes[name] = None if cleaned is None or cleaned == getattr(agreement, name) else cleaned
    errors: dict[str, ValidationError] = {}
    for name in ("subject", "text"):
        if changes[name] == "":
            errors[name] = ValidationError(_("An agreement keeps a subject and a text."), code="required")
    if not errors and all(value is None for value in changes.values()):
        errors["text"] = ValidationError(
            _("The proposal changes nothing: change the text, subject, parties, lead or due moment."),
            code="unchanged",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lock_open_draft(covenant)  # a freeze committed since the check above refuses the proposal
        proposal = Proposal(
            agreement=agreement,
            owner=proposer,
            created_by=user,
            reason=reason.strip(),
            based_on_version=agreement.version,
            **changes,
        )
        save_attributed(proposal, user)
    return proposal


def proposal_comment_add(*, proposal: Proposal, user: User, text: str) -> ProposalComment:
    """A party's comment on a proposal, while it is open and the draft's text is not frozen. The comment is
    the user's organisation's, so that organisation must be a party (an administrator of another
    organisation does not comment as it)."""
    covenant = proposal.agreement.covenant
    require(can_contribute(user, covenant), _("Only an editor or coordinator of a party comments."))
    require_open_draft(covenant)
    if not proposal.is_open:
        raise ValidationError(_("This proposal has been decided; comments are closed."), code="decided")
    if not text.strip():
        raise ValidationError({"text": ValidationError(_("Write the comment."), code="required")})
    organisation = user.organisation
    if organisation is None:
        raise ValidationError(_("Only a person of a party comments."), code="no_organisation")
    if not covenant.party_links.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s is no party of this covenant; only parties comment.")
            % {"organisation": organisation.name},
            code="not_a_party",
        )
    with transaction.atomic():
        lock_open_draft(covenant)
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not locked.is_open:  # decided in the meantime
            raise ValidationError(_("This proposal has been decided; comments are closed."), code="decided")
        comment = ProposalComment(proposal=locked, organisation=organisation, author=user, text=text.strip())
        save_attributed(comment, user)
    return comment


def proposal_decide(
    *,
    proposal: Proposal,
    user: User,
    state: str,
    outcome_note: str = "",
    text: str | None = None,
    subject: str | None = None,
) -> Proposal:
    """The coordinator records the outcome after discussion.

    taken_over: the proposal is applied as a new version of the draft agreement; changed: the coordinator's
    ``text`` (and ``subject``) is applied instead, with the proposal's other fields; rejected: nothing
    changes. The applied version is linked from the proposal.
    """
    covenant = proposal.agreement.covenant
    require(can_manage_covenant(user, covenant), _("Only the coordinator records the outcome of a proposal."))
    require_open_draft(covenant)
    errors: dict[str, ValidationError] = {}
    if state not in (ProposalState.TAKEN_OVER, ProposalState.CHANGED, ProposalState.REJECTED):
        errors["state"] = ValidationError(_("Choose the outcome."), code="required")
    if state == ProposalState.CHANGED and not (text or "").strip():
        errors["text"] = ValidationError(_("Give the text as agreed."), code="required")
    if state == ProposalState.REJECTED and not outcome_note.strip():
        errors["outcome_note"] = ValidationError(_("Say why the proposal is rejected."), code="required")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lock_open_draft(covenant)  # the covenant first (as the structure changes and the freeze lock it)
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not locked.is_open:
            raise ValidationError(
                _("The outcome of this proposal has already been recorded."), code="decided"
            )
        agreement = (
            Agreement.objects.select_for_update().select_related("covenant").get(pk=locked.agreement_id)
        )
        if state != ProposalState.REJECTED:
            values = {name: getattr(locked, name) for name in _FIELDS}
            if state == ProposalState.CHANGED:
                values["text"] = text
                if subject is not None and subject.strip():
                    values["subject"] = subject
            reason = _("Proposal of %(party)s, %(outcome)s") % {
                "party": locked.owner.name,
                "outcome": ProposalState(state).label,
            }
            locked.applied_version = new_version(agreement, user=user, reason=reason, **values)
        locked.state = state
        locked.outcome_note = outcome_note.strip()
        locked.decided_by = user
        locked.decided_at = timezone.now()
        save_attributed(locked, user)
    return locked


def proposal_outcome_undo(proposal: Proposal, record: Any, user: User) -> None:
    """Undo (from the history) a recorded outcome: the proposal is open again as in ``record``, and a text it
    applied is taken back as a new version with the text from before, so the draft's versions stay complete.
    Refused when the draft changed the agreement after the outcome (undo that first) or is frozen."""
    covenant = proposal.agreement.covenant
    require(
        can_decide_proposals(user, covenant), _("Only the coordinator records the outcome of a proposal.")
    )
    require_open_draft(covenant)
    with transaction.atomic():
        lock_open_draft(covenant)
        locked = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("applied_version")
            .get(pk=proposal.pk)
        )
        applied = locked.applied_version
        if applied is not None and record.state == ProposalState.OPEN:
            agreement = (
                Agreement.objects.select_for_update().select_related("covenant").get(pk=locked.agreement_id)
            )
            if agreement.version != applied.version:
                raise ValidationError(
                    _("Agreement %(number)s has changed since this outcome; undo those changes first.")
                    % {"number": agreement.number},
                    code="changed_since",
                )
            before = agreement.versions.filter(version__lt=applied.version).order_by("-version").first()
            if before is not None:
                new_version(
                    agreement,
                    user=user,
                    reason=_("Outcome of the proposal of %(party)s undone") % {"party": locked.owner.name},
                    text=before.text,
                    subject=before.subject,
                    parties_raw=before.parties_raw,
                    leads_raw=before.leads_raw,
                    due_raw=before.due_raw,
                )
        for name in ("state", "outcome_note", "decided_by_id", "decided_at", "applied_version_id"):
            setattr(locked, name, getattr(record, name))
        save_attributed(locked, user)
