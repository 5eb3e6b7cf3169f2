"""Writes of the knelpunten, proposals and disputes (5.8, 5.9), their discussions, and comments."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
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
        "Alleen bewerkers en coördinatoren van een partij van dit convenant kunnen een knelpunt melden.",
    )
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Geef het knelpunt een korte titel."
    if not description.strip():
        errors["description"] = "Beschrijf het knelpunt."
    if kind not in ConcernKind.values:
        errors["kind"] = "Kies een geldige soort."
    if kind == ConcernKind.PROPOSAL and agreement is None:
        errors["agreement"] = "Een voorstel tot wijziging gaat over een afspraak; kies die afspraak."
    _check_agreement(covenant, agreement, errors)
    owner = on_behalf_of or user.organisation
    if owner is None:
        errors["title"] = "Een melding hoort bij een organisatie; uw account heeft er geen."
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
        "Alleen de coördinator of de melder kan een bespreking vastleggen.",
    )
    errors: dict[str, str] = {}
    if level not in StepLevel.values:
        errors["level"] = "Kies ambtelijk of bestuurlijk overleg."
    if not outcome.strip():
        errors["outcome"] = "Beschrijf de uitkomst van het overleg."
    if date < concern.raised_on:
        errors["date"] = f"Het overleg kan niet vóór de melding ({concern.raised_on:%d-%m-%Y}) zijn."
    if meeting is not None and meeting.covenant_id != concern.covenant_id:
        errors["meeting"] = "Dit overleg hoort niet bij dit convenant."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        last = locked.steps.order_by("-date").first()
        if last is not None and date < last.date:
            raise ValidationError(
                {"date": f"De vorige bespreking was op {last.date:%d-%m-%Y}; kies die datum of later."}
            )
        try:
            stage = stage_after_step(
                Stage(locked.stage),
                Level(level),
                resolved=resolved,
                had_official_step=locked.steps.filter(level=StepLevel.OFFICIAL).exists(),
            )
        except EscalationError as error:
            raise ValidationError({"level": str(error)}) from error
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
        permissions.can_record_concern_step(user, concern), "Alleen de coördinator of de melder kan dit doen."
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
        "Alleen de coördinator of de melder kan een knelpunt intrekken.",
    )
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        if locked.stage in (ConcernStage.RESOLVED, ConcernStage.WITHDRAWN):
            raise ValidationError("Dit knelpunt is al afgesloten.")
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
    require(
        permissions.can_comment(user, target.covenant), "Alleen partijen van dit convenant kunnen reageren."
    )
    if not text.strip():
        raise ValidationError({"text": "Schrijf een reactie."})
    if user.organisation is None:
        raise ValidationError({"text": "Een reactie hoort bij een organisatie; uw account heeft er geen."})
    with transaction.atomic():
        comment = Comment(
            concern=concern, meeting=meeting, organisation=user.organisation, author=user, text=text.strip()
        )
        save_attributed(comment, user)
    return comment
