"""Building blocks shared by the domain models."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AttributedModel(TimeStampedModel):
    """A stored item that remembers who made it (the history says who changed it since)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class OwnedModel(AttributedModel):
    """A stored item that belongs to one organisation: only that organisation's editors change it."""

    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


def attribute_change(obj: models.Model, user: object) -> None:
    """Tell django-simple-history who makes the next save of ``obj`` (also outside a request)."""
    setattr(obj, "_history_user", user)  # noqa: B010  (simple-history reads this private attribute)


def save_attributed(
    obj: models.Model,
    user: object,
    *,
    exclude: Sequence[str] | None = None,
    validate_unique: bool = True,
    validate_constraints: bool = True,
) -> None:
    """Validate and save ``obj`` as ``user``'s change: the one save helper of every write service.

    The history records ``user``; ``full_clean`` runs first, with the caller's exclusions (a caller
    that already checked uniqueness under a row lock leaves the constraints to the database).
    """
    attribute_change(obj, user)
    obj.full_clean(
        exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints
    )
    obj.save()


class StaleEditError(Exception):
    """Someone else saved the item after this user opened it (optimistic locking, ADR 0005).

    ``current`` is the item as it is now, ``changes`` what the other person changed (field by field,
    ``core.locking.ItemChange``) and ``token`` the edit token of the state now stored, so the page can
    show the other's change and the user's next save applies on top of it.
    """

    def __init__(
        self,
        message: str,
        current: models.Model | None = None,
        *,
        changes: Sequence[Any] = (),
        token: str = "",
        summary: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.current = current
        self.changes = list(changes)
        self.token = token
        self.summary = summary or message  # who changed what when, without advice about the form
