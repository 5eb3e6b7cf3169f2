"""Writes of the shared planning of works (5.3): each party registers its own works."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import CORPORATION_WORK_KINDS, MUNICIPALITY_WORK_KINDS, WorkKind
from woonafspraken.meetings.models import Work

# What the edit form writes: someone else's change to one of these fields since the user opened the
# form refuses the save (``expected``, ADR 0005).
WORK_FIELDS = ("kind", "title", "wijk", "streets", "start_date", "end_date", "description")


def _clean_work(
    *, user: User, kind: str, title: str, wijk: str, start_date: dt.date, end_date: dt.date
) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    organisation_kind = permissions.work_kinds_allowed(user)
    allowed = (
        CORPORATION_WORK_KINDS
        if organisation_kind == OrganisationKind.CORPORATION
        else MUNICIPALITY_WORK_KINDS
    )
    if kind not in WorkKind.values:
        errors["kind"] = ValidationError(_("Choose a kind of work."), code="invalid_choice")
    elif kind not in allowed and not user.is_superuser:
        names = ", ".join(str(WorkKind(k).label) for k in allowed)
        errors["kind"] = ValidationError(
            _("Your organisation only registers: %(kinds)s.") % {"kinds": names}, code="kind_not_allowed"
        )
    if not title.strip():
        errors["title"] = ValidationError(_("Give the work a title."), code="required")
    if not wijk.strip():
        errors["wijk"] = ValidationError(_("Fill in the wijk."), code="required")
    if end_date < start_date:
        errors["end_date"] = ValidationError(_("The end lies before the start."), code="end_before_start")
    return errors


def _streets(streets: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for street in streets:
        cleaned = " ".join(street.split())
        if cleaned and cleaned.casefold() not in {s.casefold() for s in seen}:
            seen.append(cleaned)
    return seen


def work_register(
    *,
    covenant: Covenant,
    user: User,
    kind: str,
    title: str,
    wijk: str,
    streets: Sequence[str],
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> Work:
    """A corporation registers its works, the gemeente its public-space and sewer works."""
    owner = on_behalf_of if (on_behalf_of is not None and user.is_superuser) else user.organisation
    require(
        permissions.can_register_work(user, covenant) or user.is_superuser,
        _("Only staff of the municipality or a corporation register works."),
    )
    errors = _clean_work(
        user=user, kind=kind, title=title, wijk=wijk, start_date=start_date, end_date=end_date
    )
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        work = Work(
            covenant=covenant, kind=kind, title=title.strip(), wijk=wijk.strip(), streets=_streets(streets),
            start_date=start_date, end_date=end_date, description=description.strip(), owner=owner,
            created_by=user, is_demo=is_demo,
        )  # fmt: skip
        save_attributed(work, user)
    return work


def work_update(
    *,
    work: Work,
    user: User,
    kind: str,
    title: str,
    wijk: str,
    streets: Sequence[str],
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    expected: str | None = None,
) -> Work:
    """Change a work. ``expected``: the edit token the user saw; a change since refuses the save."""
    require(
        permissions.can_edit_work(user, work),
        _("Only the organisation that carries out this work can change it."),
    )
    errors = _clean_work(
        user=user, kind=kind, title=title, wijk=wijk, start_date=start_date, end_date=end_date
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_unchanged(work, expected=expected, fields=WORK_FIELDS)
        locked.kind, locked.title, locked.wijk = kind, title.strip(), wijk.strip()
        locked.streets, locked.start_date, locked.end_date = _streets(streets), start_date, end_date
        locked.description = description.strip()
        save_attributed(locked, user)
    return locked


def work_delete(*, work: Work, user: User, expected: str | None = None) -> None:
    """Remove a work; with ``expected``, not when someone changed it after the user saw it."""
    require(
        permissions.can_edit_work(user, work),
        _("Only the organisation that carries out this work can delete it."),
    )
    with transaction.atomic():
        locked = lock_unchanged(work, expected=expected, fields=WORK_FIELDS)
        attribute_change(locked, user)
        locked.delete()
