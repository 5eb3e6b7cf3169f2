"""What the meetings pages share: the covenant, the user, the page, form errors, refusals."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.views import covenant_context
from woonafspraken.core.locking import edit_tokens
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import Window
from woonafspraken.meetings.models import ActionItem

WINDOW_LABELS = dict(Window.choices)


def _covenant(covenant_id: int) -> Covenant:
    return get_object_or_404(Covenant, pk=covenant_id)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _apply_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            for message in field_errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _year(request: HttpRequest) -> int:
    value = request.GET.get("jaar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _page(request: HttpRequest, covenant: Covenant, template: str, **context: Any) -> HttpResponse:
    return render(request, f"meetings/{template}", {**covenant_context(request, covenant), **context})


def _require(allowed: bool) -> None:
    """Refuse a form the user may not use before reading what was filled in (403, nothing stored)."""
    if not allowed:
        raise PermissionDenied(_("You may not do this here; nothing has been stored."))


def _allow(which: str | None, allowed: dict[str, bool]) -> None:
    """On a page with several forms: refuse the one posted (``which``) if the user may not use it."""
    _require(allowed.get(which or "", True))


def _mark_editable(user: User, covenant: Covenant, actions: list[ActionItem]) -> None:
    """Which actions the user may update, each with the edit token of its status form."""
    editable = permissions.editable_actions(user, covenant, actions)
    may_manage = permissions.can_manage_meetings(user, covenant)
    tokens = edit_tokens([a for a in actions if a.pk in editable or may_manage])
    for action in actions:
        action.editable = action.pk in editable  # type: ignore[attr-defined]
        action.edit_token = tokens.get(action.pk, "")  # type: ignore[attr-defined]
