"""Form fields the apps share, and how a page's form shows a write service's refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, QuerySet

from woonafspraken.core.models import StaleEditError

_M = TypeVar("_M", bound=Model)
_T = TypeVar("_T")

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


@runtime_checkable
class ShowsConflict(Protocol):
    """A form that shows an edit conflict itself (``core.locking.EditTokenForm`` and forms like it)."""

    def show_conflict(self, error: StaleEditError) -> None: ...


def apply_errors(
    form: forms.Form, error: ValidationError, *, field_of: Callable[[str], str] | None = None
) -> None:
    """Put a service's ``ValidationError`` on the form: a message about one of the form's fields next to
    that field, every other message above the form. ``field_of`` names the form field for a service
    field the form calls differently (e.g. one input per dimension)."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, field_errors in error.message_dict.items():
        name = field
        if field not in form.fields and field != NON_FIELD_ERRORS and field_of is not None:
            name = field_of(field)
        for message in field_errors:
            form.add_error(name if name in form.fields else None, message)


def call_service(
    form: forms.Form,
    service: Callable[..., _T],
    /,
    *,
    field_of: Callable[[str], str] | None = None,
    **kwargs: Any,
) -> _T | None:
    """Run a write service with ``kwargs`` for a valid ``form``: what it returns, or None when it refused.

    A refusal is put on the form: a ``ValidationError`` by ``apply_errors``, an edit conflict
    (``StaleEditError``, ADR 0005) by the form's ``show_conflict`` (or above the form, for a form
    that has none). The write services return what they saved, never None.
    """
    try:
        return service(**kwargs)
    except StaleEditError as error:
        if isinstance(form, ShowsConflict):
            form.show_conflict(error)
        else:
            form.add_error(None, error.message)
    except ValidationError as error:
        apply_errors(form, error, field_of=field_of)
    return None
