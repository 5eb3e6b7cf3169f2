"""Who freezes a draft and records signatures (docs/permissions.md, "Ondertekening")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import Organisation, User
    from woonafspraken.agreements.models import Covenant


def can_freeze(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Freeze or unfreeze the draft's text: the coordinator (a coordinator of a party, or an administrator)."""
    return can_manage_covenant(user, covenant)


def can_sign_for(user: User | AnonymousUser, covenant: Covenant, party: Organisation) -> bool:
    """Record a party's signature: an administrator or a coordinator of the covenant's owner (the
    municipality that leads it) for any party; a coordinator of a party for that party only."""
    return party.pk in parties_signable_by(user, covenant, [party])


def parties_signable_by(
    user: User | AnonymousUser, covenant: Covenant, parties: Iterable[Organisation]
) -> set[int]:
    """The ids of those of ``parties`` whose signature ``user`` may record (one permission query)."""
    if not can_manage_covenant(user, covenant):
        return set()
    organisation_id = getattr(user, "organisation_id", None)
    return {
        party.pk
        for party in parties
        if is_administrator(user)
        or (organisation_id is not None and organisation_id in (covenant.owner_id, party.pk))
    }
