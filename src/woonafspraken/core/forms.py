"""Form fields the apps share."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

_M = TypeVar("_M", bound=Model)

# Ids are 64-bit integers; a wider number cannot be one.
_ID_LIMIT = 2**63


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField[_M]):
    """Django's field, but a chosen id wider than 64 bits is an invalid choice instead of a server error.

    Django looks the chosen ids up with ``pk__in``; SQLite raises OverflowError for an integer it cannot
    store (PostgreSQL simply finds nothing), so one tampered checkbox value would crash the page.
    """

    def clean(self, value: Any) -> QuerySet[_M]:
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: Django's own check refuses it
            if not -_ID_LIMIT <= number < _ID_LIMIT:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super().clean(value)
