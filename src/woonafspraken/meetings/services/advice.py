"""Writes of tenant advice (2.1.1, WOHV): the request, the advice and the response to it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.models import AdviceRequest
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
    due_date: dt.date,
    agreement: Agreement | None = None,
    requested_on: dt.date | None = None,
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> AdviceRequest:
    require(
        permissions.can_request_advice(user, covenant),
        _("Only a corporation or the municipality asks for advice."),
    )
    requested = requested_on or timezone.localdate()
    errors: dict[str, ValidationError] = {}
    if (
        tenant_organisation.kind != OrganisationKind.TENANT_ORGANISATION
        or not covenant.party_links.filter(organisation=tenant_organisation).exists()
    ):
        errors["tenant_organisation"] = ValidationError(
            _("Choose a tenant organisation that is a party to this covenant."), code="not_a_party"
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
    owner = on_behalf_of if (on_behalf_of is not None and user.is_superuser) else user.organisation
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
        if locked.response:
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
) -> AdviceRequest:
    """The requester responds to the advice; a changed advice or response since refuses the save."""
    require(
        permissions.can_respond_to_advice(user, request),
        _("Only the organisation that asked for advice responds to it."),
    )
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
