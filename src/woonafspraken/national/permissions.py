"""Who reads the national comparison, and who opts a covenant in (``docs/permissions.md``).

- national readers (users of an organisation of kind ``landelijk``: a ministry, province or research
  bureau) read the comparison, and nothing of a covenant itself;
- administrators read it;
- a coordinator of a covenant that opted in reads it too: the parties that share their figures see the
  same comparison as the national readers (reciprocity), and can check what they share. Editors and
  readers of the parties do not: they see their own covenants in full already;
- opting a covenant in or out is the covenant's coordinator's decision (``can_manage_covenant``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator, is_national_reader
from woonafspraken.agreements.models import Covenant


def can_read_comparison(user: User | AnonymousUser) -> bool:
    """Open the comparison page and its export."""
    if is_administrator(user) or is_national_reader(user):
        return True
    if not user.is_authenticated or not user.is_active or user.role != Role.COORDINATOR:
        return False
    return Covenant.objects.in_national_comparison().of_organisation(user.organisation_id).exists()


def can_opt_in(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Put a covenant in the national comparison or take it out: its coordinator."""
    return can_manage_covenant(user, covenant)
