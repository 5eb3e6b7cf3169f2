"""Example logins for `woonafspraken init --demo`: one per role, each marked as an example account.

The four people the product is judged by each get one: the beleidsadviseur (coordinator), a corporation
employee (editor), a tenant volunteer (editor at the tenant organisation) and a wethouder (reader); plus the
administrator.

The passwords are random and shown once, when the login is made; none is written in the repository.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User

# (role, user name, the kind of party it works for)
DEMO_LOGINS: tuple[tuple[Role, str, OrganisationKind], ...] = (
    (Role.COORDINATOR, "voorbeeld-coordinator", OrganisationKind.MUNICIPALITY),
    (Role.EDITOR, "voorbeeld-bewerker", OrganisationKind.CORPORATION),
    (Role.EDITOR, "voorbeeld-huurders", OrganisationKind.TENANT_ORGANISATION),
    (Role.READER, "voorbeeld-lezer", OrganisationKind.MUNICIPALITY),
    (Role.ADMINISTRATOR, "voorbeeld-beheerder", OrganisationKind.MUNICIPALITY),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: Organisation
    password: str | None  # None: the login existed already; its password was shown when it was made


def demo_logins_create(*, parties: Iterable[Organisation]) -> list[DemoLogin]:
    """One example login per role at the first party of the fitting kind; existing ones are left alone."""
    first_of_kind: dict[str, Organisation] = {}
    for party in sorted(parties, key=lambda organisation: organisation.pk):
        first_of_kind.setdefault(party.kind, party)
    logins = []
    with transaction.atomic():
        for role, username, kind in DEMO_LOGINS:
            organisation = first_of_kind.get(kind)
            if organisation is None:
                continue
            existing = User.objects.filter(username=username).first()
            if existing is not None:
                logins.append(DemoLogin(username, existing.role, existing.organisation or organisation, None))
                continue
            password = secrets.token_urlsafe(12)
            user = User(
                username=username,
                first_name=_("Example"),
                last_name=str(role.label),
                organisation=organisation,
                role=role,
                is_demo=True,
            )
            user.set_password(password)
            user.full_clean()
            user.save()
            logins.append(DemoLogin(username, role, organisation, password))
    return logins
