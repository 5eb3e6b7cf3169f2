"""Writes of tenant advice (2.1.1, WOHV): the request, the advice and the response to it, and advice a
tenant organisation gives on its own initiative with the answers of those it addressed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import is_administrator, require
from woonafspraken.agreements.models import Agreement, Covenant, CovenantStage
from woonafspraken.annual_plans.constants import PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import ADVICE_TERM_DAYS, AdviceInitiative
from woonafspraken.meetings.models import AdviceAnswer, AdviceRequest
from woonafspraken.meetings.selectors import advice_addressees
from woonafspraken.meetings.services.common import _check_agreement

# What the edit form writes: someone else's change to one of these fields since the user opened the
# form refuses the save (``expected``, ADR 0005).
ADVICE_FIELDS = ("advice",)
RESPONSE_FIELDS = ("advice", "response")  # a response answers the advice as it was read


def advice_request(
    *,
    covenant: Covenant,
    user: User,
    tenant_organisation: Organisation,
    subject: str,
    question: str,
    due_date: dt.date | None = None,
    agreement: Agreement | None = None,
    requested_on: dt.date | None = None,
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> AdviceRequest:
    """Ask a tenant organisation for advice by ``due_date`` (six weeks from the request by default).

    A corporation asks the tenant organisation that represents its own tenants, never another
    corporation's; the gemeente may ask any tenant organisation of the covenant.
    """
    require(
        permissions.can_request_advice(user, covenant),
        _("Only a corporation or the municipality asks for advice."),
    )
    requested = requested_on or timezone.localdate()
    due_date = due_date or requested + dt.timedelta(days=ADVICE_TERM_DAYS)
    owner = on_behalf_of if (on_behalf_of is not None and user.is_superuser) else user.organisation
    errors: dict[str, ValidationError] = {}
    if (
        tenant_organisation.kind != OrganisationKind.TENANT_ORGANISATION
        or not covenant.party_links.filter(organisation=tenant_organisation).exists()
    ):
        errors["tenant_organisation"] = ValidationError(
            _("Choose a tenant organisation that is a party to this covenant."), code="not_a_party"
        )
    elif (
        owner is not None
        and owner.kind == OrganisationKind.CORPORATION
        and tenant_organisation.represents_tenants_of_id not in (None, owner.pk)
    ):
        errors["tenant_organisation"] = ValidationError(
            _(
                "%(tenants)s represents the tenants of another corporation; a corporation asks its own "
                "tenant organisation for advice."
            )
            % {"tenants": tenant_organisation.name},
            code="other_corporation",
        )
    if not subject.strip():
        errors["subject"] = ValidationError(_("Give the subject of the request for advice."), code="required")
    if not question.strip():
        errors["question"] = ValidationError(_("Describe what advice is asked about."), code="required")
    if due_date < requested:
        errors["due_date"] = ValidationError(
            _("The date for the advice lies before the request."), code="before_request"
        )
    _check_agreement(covenant, agreement, errors)
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        request = AdviceRequest(
            covenant=covenant, agreement=agreement, tenant_organisation=tenant_organisation,
            subject=subject.strip(), question=question.strip(), requested_on=requested, due_date=due_date,
            owner=owner, created_by=user, is_demo=is_demo,
        )  # fmt: skip
        save_attributed(request, user)
    return request


def advice_give(
    *,
    request: AdviceRequest,
    user: User,
    advice: str,
    on: dt.date | None = None,
    expected: str | None = None,
) -> AdviceRequest:
    """The tenant organisation gives (or rewrites) its advice; ``expected``: the edit token it saw."""
    require(
        permissions.can_give_advice(user, request),
        _("Only the tenant organisation asked gives this advice."),
    )
    if not advice.strip():
        raise ValidationError({"advice": ValidationError(_("Write the advice."), code="required")})
    with transaction.atomic():
        locked = lock_unchanged(request, expected=expected, fields=ADVICE_FIELDS)
        if locked.response or locked.answers.exists():
            raise ValidationError(
                {
                    "advice": ValidationError(
                        _("The corporation has already responded; the advice is fixed."), code="responded"
                    )
                }
            )
        locked.advice, locked.advice_on, locked.advice_by = advice.strip(), on or timezone.localdate(), user
        save_attributed(locked, user)
    return locked


def advice_respond(
    *,
    request: AdviceRequest,
    user: User,
    response: str,
    on: dt.date | None = None,
    expected: str | None = None,
    answering_for: Organisation | None = None,
) -> AdviceRequest:
    """The requester responds to the advice; a changed advice or response since refuses the save.

    Advice on own initiative: each addressee answers once, for the organisation of the user (an
    administrator names it: ``answering_for``).
    """
    require(
        permissions.can_respond_to_advice(user, request),
        _("Only the organisation that asked for advice responds to it."),
    )
    if request.is_own_initiative:
        return _answer(request=request, user=user, text=response, on=on, organisation=answering_for)
    with transaction.atomic():
        locked = lock_unchanged(request, expected=expected, fields=RESPONSE_FIELDS)
        if not locked.advice:
            raise ValidationError(
                {"response": ValidationError(_("There is no advice yet to respond to."), code="no_advice")}
            )
        if not response.strip():
            raise ValidationError(
                {"response": ValidationError(_("Write the response to the advice."), code="required")}
            )
        locked.response, locked.response_on = response.strip(), on or timezone.localdate()
        save_attributed(locked, user)
    return locked


def _answer(
    *, request: AdviceRequest, user: User, text: str, on: dt.date | None, organisation: Organisation | None
) -> AdviceRequest:
    answering = organisation if organisation is not None and is_administrator(user) else user.organisation
    if answering is None or not request.addressees.filter(pk=answering.pk).exists():
        raise ValidationError(
            {
                "response": ValidationError(
                    _("The advice is not addressed to this organisation."), code="not_addressed"
                )
            }
        )
    if not text.strip():
        raise ValidationError(
            {"response": ValidationError(_("Write the response to the advice."), code="required")}
        )
    with transaction.atomic():
        AdviceRequest.objects.select_for_update().get(pk=request.pk)  # one answer each, also when two submit
        if AdviceAnswer.objects.filter(advice=request, organisation=answering).exists():
            raise ValidationError(
                {
                    "response": ValidationError(
                        _("%(organisation)s has already answered this advice.")
                        % {"organisation": answering.name},
                        code="answered",
                    )
                }
            )
        answer = AdviceAnswer(
            advice=request, organisation=answering, text=text.strip(),
            answered_on=on or timezone.localdate(), answered_by=user,
        )  # fmt: skip
        save_attributed(answer, user)
    return request


def advice_offer(
    *,
    covenant: Covenant,
    user: User,
    subject: str,
    advice: str,
    addressees: Sequence[Organisation],
    agreement: Agreement | None = None,
    activity: Activity | None = None,
    plan: AnnualPlan | None = None,
    on: dt.date | None = None,
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> AdviceRequest:
    """A tenant organisation advises on its own initiative (WOHV) on an agreement, a jaarschijf activity or
    a draft jaarschijf; the corporation it represents and/or the gemeente must answer."""
    require(
        permissions.can_offer_advice(user, covenant),
        _("Only a tenant organisation gives advice on its own initiative."),
    )
    tenants = on_behalf_of if (on_behalf_of is not None and is_administrator(user)) else user.organisation
    if tenants is None or tenants.kind != OrganisationKind.TENANT_ORGANISATION:
        raise ValidationError(
            _("Advice on own initiative is given by a tenant organisation; choose on whose behalf."),
            code="not_tenants",
        )
    given = on or timezone.localdate()
    errors: dict[str, ValidationError] = {}
    if not subject.strip():
        errors["subject"] = ValidationError(_("Give the subject of the advice."), code="required")
    if not advice.strip():
        errors["advice"] = ValidationError(_("Write the advice."), code="required")
    allowed = {organisation.pk for organisation in advice_addressees(covenant, tenants)}
    if not addressees:
        errors["addressees"] = ValidationError(
            _("Choose to whom the advice goes: the corporation, the municipality or both."), code="required"
        )
    elif any(organisation.pk not in allowed for organisation in addressees):
        errors["addressees"] = ValidationError(
            _("Advice goes to the corporation whose tenants you represent and to the municipality."),
            code="not_allowed",
        )
    _check_agreement(covenant, agreement, errors)
    if activity is not None and activity.plan.covenant_id != covenant.pk:
        errors["activity"] = ValidationError(
            _("This activity does not belong to this covenant."), code="other_covenant"
        )
    if plan is not None and (plan.covenant_id != covenant.pk or plan.state != PlanState.CONCEPT):
        errors["plan"] = ValidationError(
            _("Advice on a jaarschijf is given while it is a draft."), code="not_a_draft"
        )
    # On a draft covenant (renewal) the advice may be on the draft as a whole.
    if agreement is None and activity is None and plan is None and covenant.stage != CovenantStage.DRAFT:
        errors["agreement"] = ValidationError(
            _("Choose what the advice is about: an agreement, an activity or a draft jaarschijf."),
            code="required",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        offered = AdviceRequest(
            covenant=covenant, initiative=AdviceInitiative.OWN, tenant_organisation=tenants,
            agreement=agreement or (activity.agreement if activity is not None else None),
            activity=activity, plan=plan, subject=subject.strip(), advice=advice.strip(),
            requested_on=given, advice_on=given, advice_by=user, owner=tenants, created_by=user,
            is_demo=is_demo,
        )  # fmt: skip
        save_attributed(offered, user)
        offered.addressees.set(addressees)
    return offered
