"""Who may enter figures and targets for an indicator (docs/permissions.md, docs/indicators.md).

- the coordinator of the covenant (and an administrator): every indicator, and its targets;
- an editor of a delivering organisation: that organisation's indicators, and for figures per
  organisation only its own figures;
- tenant organisations never enter figures, whatever their role; readers read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import Organisation
    from woonafspraken.agreements.models import Covenant
    from woonafspraken.indicators.models import Indicator


def _may_enter_at_all(user: User | AnonymousUser) -> bool:
    if is_administrator(user):
        return True
    if not user.is_authenticated or not user.is_active or user.organisation is None:
        return False
    return user.organisation.kind != OrganisationKind.TENANT_ORGANISATION and user.role in (
        Role.EDITOR,
        Role.COORDINATOR,
    )


def can_enter_any_figures(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Enter figures of this covenant at all: a party's editor or coordinator, not a tenant organisation."""
    if is_administrator(user):
        return True
    if not isinstance(user, User) or not _may_enter_at_all(user):
        return False
    return covenant.party_links.filter(organisation=user.organisation).exists()


def can_enter_figures(
    user: User | AnonymousUser, indicator: Indicator, organisation: Organisation | None
) -> bool:
    """Enter or correct the figure of ``indicator`` for ``organisation`` (None: a figure for everyone)."""
    if not indicator.is_entered or not _may_enter_at_all(user):
        return False
    if is_administrator(user) or can_manage_covenant(user, indicator.covenant):
        return True
    if not isinstance(user, User) or user.role != Role.EDITOR:
        return False
    delivering = {org.pk for org in indicator.delivered_by.all()}
    if user.organisation_id not in delivering:
        return False
    if indicator.per_organisation:
        return organisation is not None and organisation.pk == user.organisation_id
    return True


def organisations_user_may_enter_for(user: User | AnonymousUser, indicator: Indicator) -> list[Organisation]:
    """The organisations whose per-organisation figures ``user`` may enter for ``indicator``."""
    return [org for org in indicator.delivered_by.all() if can_enter_figures(user, indicator, org)]


def can_enter_anything(user: User | AnonymousUser) -> bool:
    """Whether to offer entry forms and the spreadsheet import at all."""
    return _may_enter_at_all(user)


def can_set_targets(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Targets belong to the agreements: the coordinator keeps them (never a tenant organisation)."""
    if is_administrator(user):
        return True
    if not isinstance(user, User) or (
        user.organisation is not None and user.organisation.kind == OrganisationKind.TENANT_ORGANISATION
    ):
        return False
    return can_manage_covenant(user, indicator.covenant)
