"""Who may do what with a bod (see docs/permissions.md).

A corporation records its own bod: its editors and coordinators, and administrators; the gemeente and
other corporations read it. The tenant organisation that represents that corporation's tenants
(``Organisation.represents_tenants_of``) responds, through its editors and coordinators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.permissions import is_administrator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import Organisation, User
    from woonafspraken.agreements.models import Covenant
    from woonafspraken.renewal.models import Bod

_WRITING_ROLES: frozenset[str] = frozenset({Role.EDITOR, Role.COORDINATOR})


def _writer_of(user: User | AnonymousUser, organisation_id: int | None) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and organisation_id is not None
        and user.organisation_id == organisation_id
        and user.role in _WRITING_ROLES
    )


def _is_party(organisation_id: int | None, covenant: Covenant) -> bool:
    return (
        organisation_id is not None and covenant.party_links.filter(organisation_id=organisation_id).exists()
    )


def can_record_bod(user: User | AnonymousUser, covenant: Covenant, corporation: Organisation) -> bool:
    """Record (or change) this corporation's bod under this covenant."""
    if corporation.kind != OrganisationKind.CORPORATION or not _is_party(corporation.pk, covenant):
        return False
    return is_administrator(user) or _writer_of(user, corporation.pk)


def can_start_bod(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Whether the "record a bod" page is for this user: a writer of a corporation party, or an administrator."""
    if is_administrator(user):
        return True
    organisation = getattr(user, "organisation", None)
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.CORPORATION
        and _writer_of(user, organisation.pk)
        and _is_party(organisation.pk, covenant)
    )


def can_edit_bod(user: User | AnonymousUser, bod: Bod) -> bool:
    return can_record_bod(user, bod.covenant, bod.corporation)


def can_respond_to_bod(user: User | AnonymousUser, bod: Bod, tenant_organisation: Organisation) -> bool:
    """The tenant organisation that represents the bod's corporation's tenants responds."""
    if tenant_organisation.represents_tenants_of_id != bod.corporation_id or not _is_party(
        tenant_organisation.pk, bod.covenant
    ):
        return False
    return is_administrator(user) or _writer_of(user, tenant_organisation.pk)


def responding_organisation(user: User | AnonymousUser, bod: Bod) -> Organisation | None:
    """The tenant organisation this user responds for on this bod, or None: their own organisation, or
    for an administrator the first representing tenant organisation that is a party."""
    organisation: Organisation | None = getattr(user, "organisation", None)
    if organisation is not None and can_respond_to_bod(user, bod, organisation):
        return organisation
    if is_administrator(user):
        for tenant in bod.corporation.tenant_organisations.order_by("name"):
            if can_respond_to_bod(user, bod, tenant):
                return tenant
    return None
