"""Writes to the agreement register."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, require
from woonafspraken.agreements.models import Agreement, AgreementVersion
from woonafspraken.core.models import StaleEditError, attribute_change


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
    require(can_manage_covenant(user, agreement.covenant), "Alleen de coördinator kan een afspraak wijzigen.")
    text, reason = text.strip(), reason.strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Vul de nieuwe tekst van de afspraak in."
    if not reason:
        errors["reason"] = "Geef de reden van de wijziging."
    if valid_from < agreement.covenant.start_date:
        errors["valid_from"] = "Een wijziging kan niet ingaan vóór de start van het convenant."
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if expected_version is not None and locked.version != expected_version:
            latest_version = locked.versions.select_related("created_by").order_by("-version").first()
            who = (
                latest_version.created_by if latest_version and latest_version.created_by else "iemand anders"
            )
            raise StaleEditError(
                f"Afspraak {locked.number} is intussen gewijzigd door {who} (nu versie {locked.version}). "
                "Uw wijziging is niet opgeslagen. Bekijk de nieuwe tekst en pas uw wijziging zo nodig opnieuw toe.",
                locked,
            )
        latest = locked.versions.order_by("-version").first()
        if latest is not None and valid_from < latest.valid_from:
            errors["valid_from"] = (
                f"De vorige versie geldt vanaf {latest.valid_from:%d-%m-%Y}; kies die datum of een latere."
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
            reason=reason,
            created_by=user,
        )
        version.full_clean()
        version.save()
        locked.version = version.version
        locked.text = text
        locked.subject = version.subject
        attribute_change(locked, user)
        locked.full_clean(validate_constraints=False)
        locked.save()
    return version
