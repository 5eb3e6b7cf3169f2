"""Who may do what with jaarschijven, built on the shared checks in ``accounts.permissions``.

- coordinators (and administrators) manage the jaarschijf: create, adopt, close, reopen, calendar;
  they may also change every activity;
- editors update the activities their own organisation owns (never a tenant organisation's editor:
  tenant organisations comment, they do not edit);
- every user of a party to the covenant may comment; the comments of tenant organisations are the
  ones the issue asks for, but a corporation's remark is welcome too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import Organisation, User
    from woonafspraken.agreements.models import Covenant


def can_manage_plans(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_manage_covenant(user, covenant)


def _is_editor_of(user: User | AnonymousUser, organisation_ids: Iterable[int]) -> bool:
    if not user.is_authenticated or not user.is_active or user.role != Role.EDITOR:
        return False
    organisation = user.organisation
    if organisation is None or organisation.kind == OrganisationKind.TENANT_ORGANISATION:
        return False
    return organisation.pk in set(organisation_ids)


def can_edit_activity(user: User | AnonymousUser, covenant: Covenant, owner_ids: Iterable[int]) -> bool:
    """Change an activity (or record its progress): the coordinator, or an editor of an owner."""
    return can_manage_plans(user, covenant) or _is_editor_of(user, owner_ids)


def can_comment(
    user: User | AnonymousUser, covenant: Covenant, party_ids: Iterable[int] | None = None
) -> bool:
    """Any party's editor or coordinator comments (tenant organisations too); readers only read."""
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    if user.role == Role.READER:
        return False
    if party_ids is None:
        return covenant.party_links.filter(organisation_id=user.organisation_id).exists()
    return user.organisation_id in set(party_ids)


def is_tenant_organisation(organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.TENANT_ORGANISATION
