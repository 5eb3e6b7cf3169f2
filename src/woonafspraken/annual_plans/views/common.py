"""What the jaarschijf pages share: the jaarschijf and the activity of the URL, who may manage and add."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.permissions import can_manage_plans, is_tenant_organisation


def _plan(covenant: Covenant, year: int) -> AnnualPlan:
    plan = selectors.plan_get(covenant, year)
    if plan is None:
        raise Http404(_("There is no jaarschijf %(year)s for this covenant.") % {"year": year})
    return plan


def _require_manage(request: CovenantRequest, covenant: Covenant) -> None:
    if not can_manage_plans(request.user, covenant):
        raise PermissionDenied(_("Only the coordinator of the covenant manages the jaarschijf."))


def _may_add_activities(request: CovenantRequest, covenant: Covenant) -> bool:
    """Coordinators, and editors of a corporation or the municipality (for their own activities)."""
    user = request.user
    if can_manage_plans(user, covenant):
        return True
    organisation = getattr(user, "organisation", None)
    return getattr(user, "role", None) == Role.EDITOR and not is_tenant_organisation(organisation)


def _activity(covenant: Covenant, pk: int) -> Activity:
    try:
        return selectors.activity_detail(covenant, pk)
    except Activity.DoesNotExist as error:
        raise Http404(_("This activity does not exist.")) from error
