"""What the jaarschijf write services share: the coordinator-only message, the plan lock, the closed refusal
and the author's name as stored with a progress update or comment."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import User
from woonafspraken.annual_plans.models import AnnualPlan

MANAGE_ONLY = gettext_lazy("Only the coordinator of the covenant can manage the jaarschijf.")


def closed_error(plan: AnnualPlan) -> ValidationError:
    return ValidationError(
        _(
            "Jaarschijf %(year)s is closed and can no longer be changed. "
            "Have the coordinator reopen the jaarschijf (with a reason) for a correction."
        )
        % {"year": plan.year},
        code="closed",
    )


def lock_plan(plan: AnnualPlan) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update().select_related("covenant").get(pk=plan.pk)


def author_name(user: User | None) -> str:
    if user is None:
        return ""
    name = user.get_full_name() or user.username
    return f"{name} ({user.organisation})" if user.organisation_id else name
