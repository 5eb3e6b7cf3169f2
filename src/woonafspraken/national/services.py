"""Writes of the national comparison: a covenant opts in or out."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.models import save_attributed
from woonafspraken.national.permissions import can_opt_in


def covenant_comparison_set(*, covenant: Covenant, user: User, in_comparison: bool) -> Covenant:
    """Put ``covenant`` in the national comparison (``in_comparison``) or take it out, as ``user``'s
    recorded change (the covenant's history shows who and when). Saving the same choice writes nothing."""
    require(
        can_opt_in(user, covenant),
        _("Only the coordinator of the covenant decides whether it takes part in the national comparison."),
    )
    with transaction.atomic():
        locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
        if locked.in_national_comparison == in_comparison:
            return locked
        locked.in_national_comparison = in_comparison
        save_attributed(locked, user)
    covenant.in_national_comparison = in_comparison
    return locked
