"""What the housing write services share: who acts, and the names an organisation goes by."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts.models import Organisation, User

AnyUser = User | AnonymousUser


def recorded_user(user: AnyUser | None) -> User | None:
    """The user the history records; an anonymous caller (an import from the console) records none."""
    return user if isinstance(user, User) else None


def name_candidates(organisations: Iterable[Organisation]) -> list[tuple[int, str, Sequence[str]]]:
    """(id, name, short names) of each organisation, for ``parsing.match_name``."""
    return [(org.pk, org.name, tuple(org.short_names or ())) for org in organisations]
