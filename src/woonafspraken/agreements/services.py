"""Writes to the agreement register."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, require
from woonafspraken.agreements.models import Agreement, AgreementVersion, Covenant, CovenantStage
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import StaleEditError, save_attributed


def require_text_open(covenant: Covenant) -> None:
    """Refuse a change to the text of a draft whose text is frozen for signing (``Covenant.frozen_at``);
    every service that changes a draft's text calls this first. Asks the database (one query): the
    covenant object a caller holds may be older than the freeze."""
    if Covenant.objects.filter(pk=covenant.pk, stage=CovenantStage.DRAFT, frozen_at__isnull=False).exists():
        raise ValidationError(
            _("The text of %(title)s is frozen for signing; the coordinator must unfreeze it first.")
            % {"title": covenant.title},
            code="frozen",
        )


def agreement_amend(
    *,
    agreement: Agreement,
    user: User,
    text: str,
    valid_from: dt.date,
    reason: str,
    subject: str | None = None,
    expected_version: int | None = None,
) -> AgreementVersion:
    """Record an amendment (afspraak 5.7): a new version from a date, with a reason; earlier texts stay.

    ``expected_version`` is the version the user saw; if someone amended the agreement since, nothing is
    saved and ``StaleEditError`` carries the agreement as it is now.
    """
    require(can_manage_covenant(user, agreement.covenant), _("Only the coordinator can amend an agreement."))
    require_text_open(agreement.covenant)
    text, reason = text.strip(), reason.strip()
    errors: dict[str, ValidationError] = {}
    if not text:
        errors["text"] = ValidationError(_("Fill in the new text of the agreement."), code="required")
    if not reason:
        errors["reason"] = ValidationError(_("Give the reason for the amendment."), code="required")
    if valid_from < agreement.covenant.start_date:
        errors["valid_from"] = ValidationError(
            _("An amendment cannot take effect before the start of the covenant."), code="before_covenant"
        )
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if expected_version is not None and locked.version != expected_version:
            latest_version = locked.versions.select_related("created_by").order_by("-version").first()
            who = (
                latest_version.created_by
                if latest_version and latest_version.created_by
                else _("someone else")
            )
            raise StaleEditError(
                _(
                    "Agreement %(number)s has meanwhile been changed by %(who)s (now version %(version)s). "
                    "Your change has not been saved. Look at the new text and apply your change again if needed."
                )
                % {"number": locked.number, "who": who, "version": locked.version},
                locked,
            )
        latest = locked.versions.order_by("-version").first()
        if latest is not None and valid_from < latest.valid_from:
            errors["valid_from"] = ValidationError(
                _("The previous version applies from %(date)s; choose that date or a later one.")
                % {"date": format_date(latest.valid_from)},
                code="before_previous_version",
            )
        if errors:
            raise ValidationError(errors)
        version = AgreementVersion(
            agreement=locked,
            version=locked.version + 1,
            valid_from=valid_from,
            subject=subject or locked.subject,
            text=text,
            parties_raw=locked.parties_raw,
            leads_raw=locked.leads_raw,
            due_raw=locked.due_raw,
            reason=reason,
            created_by=user,
        )
        version.full_clean()
        version.save()
        locked.version = version.version
        locked.text = text
        locked.subject = version.subject
        save_attributed(locked, user, validate_constraints=False)
    return version
