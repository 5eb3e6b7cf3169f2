from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import can_read_covenant, is_administrator
from woonafspraken.core.changes import history_entries, history_model
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token, lock_unchanged
from woonafspraken.core.models import StaleEditError
from woonafspraken.operations.history import can_revert, covenant_of, history_revert


def object_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Who changed what and when, with before and after, and a way back for those who may edit."""
    model = history_model(label)
    if model is None:
        raise Http404(_("There is no history for this kind of item."))
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404(_("This item does not exist (any more)."))
    covenant = covenant_of(obj)
    readable = can_read_covenant(request.user, covenant) if covenant else is_administrator(request.user)
    if not readable:
        raise PermissionDenied(_("You may not see the history of this item."))
    allowed = can_revert(request.user, obj)  # type: ignore[arg-type]
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("You may not revert this item."))
        try:
            history_id = int(request.POST.get("history_id", ""))
        except ValueError:
            history_id = 0  # no such version; history_revert says so in Dutch
        try:
            with transaction.atomic():
                # Reverting on top of a change the user has not seen would undo it unseen (ADR 0005).
                locked = lock_unchanged(obj, expected=request.POST.get(TOKEN_FIELD) or None)
                history_revert(
                    obj=locked,
                    history_id=history_id,
                    user=request.user,  # type: ignore[arg-type]
                )
        except StaleEditError as error:
            messages.error(
                request,
                _("Not reverted. %(summary)s That change is now at the top of the history below.")
                % {"summary": error.summary},
            )
        except ValueError as error:
            messages.error(request, _("Could not revert: %(error)s") % {"error": error})
        except ValidationError as error:
            messages.error(request, _("Could not revert: %(error)s") % {"error": " ".join(error.messages)})
        else:
            messages.success(request, _("Reverted. The revert is itself in the history below."))
        return redirect(request.path)
    return render(
        request,
        "operations/history.html",
        {
            "object": obj,
            "kind": model._meta.verbose_name,
            "entries": history_entries(obj),
            "can_revert": allowed,
            "edit_token": edit_token(Rows.of(obj)) if allowed else "",
            "covenant": covenant,
        },
    )
