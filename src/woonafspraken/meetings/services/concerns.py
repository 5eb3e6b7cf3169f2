"""Writes of the knelpunten, proposals and disputes (5.8, 5.9), their discussions, and comments."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import ConcernKind, ConcernStage, StepLevel
from woonafspraken.meetings.escalation import EscalationError, Level, Stage, stage_after_step
from woonafspraken.meetings.models import Comment, Concern, ConcernStep, Meeting
from woonafspraken.meetings.services.common import _check_agreement


def concern_raise(
    *,
    covenant: Covenant,
    user: User,
    title: str,
    description: str,
    kind: str = ConcernKind.BOTTLENECK,
    agreement: Agreement | None = None,
    raised_on: dt.date | None = None,
    on_behalf_of: Organisation | None = None,
    is_demo: bool = False,
) -> Concern:
    """Any party raises a knelpunt, a proposal to change an agreement (5.8) or a dispute (5.9)."""
    require(
        permissions.can_raise_concern(user, covenant),
        _("Only editors and coordinators of a party of this covenant can report a bottleneck."),
    )
    errors: dict[str, ValidationError] = {}
    if not title.strip():
        errors["title"] = ValidationError(_("Give the bottleneck a short title."), code="required")
    if not description.strip():
        errors["description"] = ValidationError(_("Describe the bottleneck."), code="required")
    if kind not in ConcernKind.values:
        errors["kind"] = ValidationError(_("Choose a valid kind."), code="invalid_choice")
    if kind == ConcernKind.PROPOSAL and agreement is None:
        errors["agreement"] = ValidationError(
            _("A proposal for a change is about an agreement; choose that agreement."), code="required"
        )
    _check_agreement(covenant, agreement, errors)
    owner = on_behalf_of or user.organisation
    if owner is None:
        errors["title"] = ValidationError(
            _("A report belongs to an organisation; your account has none."), code="no_organisation"
        )
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        concern = Concern(
            covenant=covenant,
            agreement=agreement,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            raised_on=raised_on or timezone.localdate(),
            owner=owner,
            created_by=user,
            is_demo=is_demo,
        )
        save_attributed(concern, user)
    return concern


def concern_rows(concern: Concern) -> tuple[Rows, Rows]:
    """What a discussion (or withdrawal) is decided on: the concern's stage and its discussions so far."""
    return (
        Rows.of(concern, ("stage", "closed_on")),
        Rows(ConcernStep, {"concern_id": concern.pk}, ("level", "date", "outcome", "resolved", "meeting")),
    )


def concern_record_step(
    *,
    concern: Concern,
    user: User,
    level: str,
    date: dt.date,
    outcome: str,
    resolved: bool,
    meeting: Meeting | None = None,
    expected: str | None = None,
) -> ConcernStep:
    """Record a discussion and move the concern on: resolved, or (after the ambtelijk round) to the next
    bestuurlijk overleg. ``expected``: the edit token of the concern and its discussions as the user saw
    them; a discussion or stage change recorded since refuses the save."""
    require(
        permissions.can_record_concern_step(user, concern),
        _("Only the coordinator or the reporter can record a discussion."),
    )
    errors: dict[str, ValidationError] = {}
    if level not in StepLevel.values:
        errors["level"] = ValidationError(
            _("Choose official or administrative consultation."), code="invalid_choice"
        )
    if not outcome.strip():
        errors["outcome"] = ValidationError(_("Describe the outcome of the meeting."), code="required")
    if date < concern.raised_on:
        errors["date"] = ValidationError(
            _("The meeting cannot be before the report (%(date)s).")
            % {"date": format_date(concern.raised_on)},
            code="before_report",
        )
    if meeting is not None and meeting.covenant_id != concern.covenant_id:
        errors["meeting"] = ValidationError(
            _("This meeting does not belong to this covenant."), code="other_covenant"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        last = locked.steps.order_by("-date").first()
        if last is not None and date < last.date:
            raise ValidationError(
                {
                    "date": ValidationError(
                        _("The previous discussion was on %(date)s; choose that date or later.")
                        % {"date": format_date(last.date)},
                        code="before_previous",
                    )
                }
            )
        try:
            stage = stage_after_step(
                Stage(locked.stage),
                Level(level),
                resolved=resolved,
                had_official_step=locked.steps.filter(level=StepLevel.OFFICIAL).exists(),
            )
        except EscalationError as error:
            raise ValidationError({"level": ValidationError(str(error), code="escalation")}) from error
        step = ConcernStep(
            concern=locked, level=level, date=date, outcome=outcome.strip(), resolved=resolved,
            meeting=meeting, recorded_by=user,
        )  # fmt: skip
        save_attributed(step, user)
        locked.stage = stage.value
        locked.closed_on = date if stage is Stage.RESOLVED else None
        save_attributed(locked, user)
    return step


def concern_start_official(*, concern: Concern, user: User) -> Concern:
    """The coordinator puts a raised concern on the ambtelijk track."""
    require(
        permissions.can_record_concern_step(user, concern),
        _("Only the coordinator or the reporter can do this."),
    )
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        if locked.stage == ConcernStage.RAISED:
            locked.stage = ConcernStage.OFFICIAL
            save_attributed(locked, user)
    return locked


def concern_withdraw(
    *, concern: Concern, user: User, on: dt.date | None = None, expected: str | None = None
) -> Concern:
    require(
        permissions.can_record_concern_step(user, concern),
        _("Only the coordinator or the reporter can withdraw a bottleneck."),
    )
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        if locked.stage in (ConcernStage.RESOLVED, ConcernStage.WITHDRAWN):
            raise ValidationError(_("This bottleneck has already been closed."), code="closed")
        locked.stage = ConcernStage.WITHDRAWN
        locked.closed_on = on or timezone.localdate()
        save_attributed(locked, user)
    return locked


def comment_add(
    *, user: User, text: str, concern: Concern | None = None, meeting: Meeting | None = None
) -> Comment:
    target = concern or meeting
    if target is None or (concern is not None and meeting is not None):
        raise ValueError("A comment is on one concern or one meeting.")
    require(permissions.can_comment(user, target.covenant), _("Only parties of this covenant can respond."))
    if not text.strip():
        raise ValidationError({"text": ValidationError(_("Write a comment."), code="required")})
    if user.organisation is None:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("A comment belongs to an organisation; your account has none."), code="no_organisation"
                )
            }
        )
    with transaction.atomic():
        comment = Comment(
            concern=concern, meeting=meeting, organisation=user.organisation, author=user, text=text.strip()
        )
        save_attributed(comment, user)
    return comment
