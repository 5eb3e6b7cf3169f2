"""Who may do what. The written model is docs/permissions.md; services call these checks.

- administrator: everything;
- coordinator: manages the covenants their organisation is a party to (register, amendments, imports);
- editor: edits items owned by their own organisation;
- reader: reads.
Tenant organisations never edit figures, whatever their role; they comment and advise.
A national reader's organisation (``OrganisationKind.NATIONAL``: a ministry, province, research bureau)
is never a party: its users read only the national comparison (``national.permissions``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from woonafspraken.accounts.models import User


class Owned(Protocol):
    owner_id: int


class Covenant(Protocol):
    """A covenant as the checks see it: its parties (``agreements.Covenant``, an app above this one)."""

    @property
    def party_links(self) -> Any: ...


def is_administrator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    )


def _is_party(user: User, covenant: Covenant) -> bool:
    # A national reader's organisation is never a party, even when linked to one by mistake (same query).
    return (
        user.organisation_id is not None
        and covenant.party_links.filter(organisation_id=user.organisation_id)
        .exclude(organisation__kind=OrganisationKind.NATIONAL)
        .exists()
    )


def is_national_reader(user: User | AnonymousUser) -> bool:
    """A user of a ministry, province or research bureau: reads the national comparison, no covenant."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.NATIONAL
    )


def can_read_covenant(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Read a covenant's pages: its parties' people and administrators; another covenant's people do not."""
    if is_administrator(user):
        return True
    return bool(user.is_authenticated and user.is_active and _is_party(user, covenant))


def can_manage_covenant(user: User | AnonymousUser, covenant: Covenant | None) -> bool:
    """Coordinate a covenant: amend agreements, import documents, manage plans."""
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active or user.role != Role.COORDINATOR:
        return False
    if covenant is None:  # creating a new covenant by import
        return user.organisation is not None and user.organisation.kind == OrganisationKind.MUNICIPALITY
    return _is_party(user, covenant)


def can_edit_owned(user: User | AnonymousUser, item: Owned, covenant: Covenant) -> bool:
    """Edit an item that belongs to one organisation."""
    if can_manage_covenant(user, covenant):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.EDITOR
        and user.organisation_id is not None
        and user.organisation_id == item.owner_id
    )


def require(allowed: bool, message: StrOrPromise | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You have no permission for this action."))


def can_contribute(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Comment, raise a knelpunt, give advice: any party's editor or coordinator; readers only read."""
    if is_administrator(user):
        return True
    return bool(
        user.is_authenticated and user.is_active and user.role != Role.READER and _is_party(user, covenant)
    )
