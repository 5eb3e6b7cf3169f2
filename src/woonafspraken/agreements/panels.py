"""How the agreements app plugs into shared places (imported by CoreConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.core.changes import RevertHandler, register_revert_handler
from woonafspraken.core.formatting import format_datetime


def _revert_agreement(obj: Any, record: Any, user: User) -> None:
    """An agreement goes back to an earlier text as a new amendment, so its versions stay complete."""
    assert isinstance(obj, Agreement)
    obj.refresh_from_db()
    agreement_amend(
        agreement=obj,
        user=user,
        text=record.text,
        subject=record.subject,
        valid_from=max(
            timezone.localdate(),
            obj.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
            or obj.covenant.start_date,
        ),
        reason=_("Reverted to the text of %(moment)s")
        % {"moment": format_datetime(timezone.localtime(record.history_date))},
        expected_version=obj.version,
    )


register_revert_handler(RevertHandler("agreements.Agreement", _revert_agreement))
