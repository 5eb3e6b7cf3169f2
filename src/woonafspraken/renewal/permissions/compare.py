"""Who may read the comparison of a draft with the current covenant: whoever may read both."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_read_covenant
from woonafspraken.agreements.models import Covenant


def can_read_comparison(user: User | AnonymousUser, current: Covenant, draft: Covenant) -> bool:
    """Both covenants' texts are shown: a party to only one of them does not see the other's."""
    return can_read_covenant(user, current) and can_read_covenant(user, draft)
