"""Who freezes a draft and records signatures (docs/permissions.md, "Ondertekening")."""

from __future__ import annotations

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
    if not can_manage_covenant(user, covenant):
        return False
    if is_administrator(user):
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return organisation_id is not None and organisation_id in (covenant.owner_id, party.pk)
