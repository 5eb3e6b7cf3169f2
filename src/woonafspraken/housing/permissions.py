"""Who may change the housing figures, built on the shared checks in ``accounts.permissions``.

- figures belong to the organisation that delivers them: its editors, the covenant's coordinators and
  administrators may change them; tenant organisations never do;
- the look-ahead's assumptions are shared: the coordinators and the corporations' editors set them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_edit_owned, can_manage_covenant, is_administrator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import Organisation
    from woonafspraken.agreements.models import Covenant


@dataclass
class _Owner:
    owner_id: int


def can_edit_figures(user: User | AnonymousUser, covenant: Covenant, organisation_id: int) -> bool:
    """Deliver or correct the figures of one organisation in a covenant."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    assert isinstance(user, User)
    if user.organisation is None or user.organisation.kind == OrganisationKind.TENANT_ORGANISATION:
        return False
    return can_edit_owned(user, _Owner(organisation_id), covenant)


def editable_organisations(
    user: User | AnonymousUser, covenant: Covenant, organisations: Iterable[Organisation]
) -> list[int]:
    """The ids of those ``organisations`` whose figures ``user`` may deliver or correct."""
    return [org.pk for org in organisations if can_edit_figures(user, covenant, org.pk)]


def can_edit_assumptions(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """The look-ahead's assumptions: the coordinators and the corporations' editors."""
    if can_manage_covenant(user, covenant):
        return True
    return bool(
        isinstance(user, User)
        and user.is_active
        and user.role == Role.EDITOR
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.CORPORATION
        and covenant.party_links.filter(organisation_id=user.organisation.pk).exists()
    )
