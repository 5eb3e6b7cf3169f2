"""What the meetings app's write services share: the covenant's gemeente, the agreement check."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant


def _municipality(covenant: Covenant) -> Organisation:
    organisation = covenant.parties.filter(kind=OrganisationKind.MUNICIPALITY).first()
    return organisation if organisation is not None else covenant.owner


def _check_agreement(
    covenant: Covenant, agreement: Agreement | None, errors: dict[str, ValidationError]
) -> None:
    if agreement is not None and agreement.covenant_id != covenant.pk:
        errors["agreement"] = ValidationError(
            _("This agreement does not belong to this covenant."), code="other_covenant"
        )
