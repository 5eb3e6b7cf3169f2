"""What the meetings pages share: the year asked, refusals, the actions a user may update, form errors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import edit_tokens
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import Window
from woonafspraken.meetings.models import ActionItem

WINDOW_LABELS = dict(Window.choices)


def _year(request: HttpRequest) -> int:
    value = request.GET.get("jaar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


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


def _form_errors(form: Form) -> str:
    """A form's errors as one message, for a form that sends the user back to the page it came from."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
