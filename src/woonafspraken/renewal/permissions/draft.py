"""Who may do what on a draft successor (the services call the same checks).

- the coordinator (``can_manage_covenant``) starts a draft, changes its structure and records outcomes;
- an editor or coordinator of a party (``can_contribute``) proposes changes for their own organisation
  and comments on proposals;
- readers read.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_contribute, can_manage_covenant
from woonafspraken.agreements.models import Covenant, CovenantStage


def is_open_draft(covenant: Covenant) -> bool:
    return covenant.stage == CovenantStage.DRAFT and covenant.frozen_at is None


def can_change_structure(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_manage_covenant(user, covenant)


def can_propose(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_contribute(user, covenant)


def can_comment(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_contribute(user, covenant)


def can_decide(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_manage_covenant(user, covenant)
