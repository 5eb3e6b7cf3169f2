"""Undo around signing: reverting a covenant from its history never changes whether it is signed or
frozen (only the signing services do: ``renewal.services.signing``), and a signature is changed back
only while its covenant is a draft. Registered by ``RenewalConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.core.changes import RevertHandler, register_revert_handler, revert_handlers
from woonafspraken.core.models import save_attributed
from woonafspraken.renewal.models import CovenantSignature

SIGNING_FIELDS = ("stage", "signed_on", "signed_text", "frozen_at")
_BOOKKEEPING = {"created_at", "updated_at", "created_by"}


def _revert_covenant(obj: Any, record: Any, user: Any) -> None:
    assert isinstance(obj, Covenant)
    old = record.instance
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in _BOOKKEEPING or field.name in SIGNING_FIELDS:
            continue
        setattr(obj, field.attname, getattr(old, field.attname))
    save_attributed(obj, user, validate_constraints=False)


def _revert_signature(obj: Any, record: Any, user: Any) -> None:
    assert isinstance(obj, CovenantSignature)
    if obj.covenant.stage != CovenantStage.DRAFT:
        raise ValidationError(_("Every party has signed; a signature can no longer be changed."))
    old = record.instance
    for name in ("signatory", "function", "place", "date"):
        setattr(obj, name, getattr(old, name))
    save_attributed(obj, user)


def register_signing() -> None:
    for handler in (
        RevertHandler("agreements.Covenant", _revert_covenant),
        RevertHandler("renewal.CovenantSignature", _revert_signature),
    ):
        if revert_handlers.get(handler.label) is None:
            register_revert_handler(handler)
