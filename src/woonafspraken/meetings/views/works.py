"""Pages of the shared planning of works: the list with couplings, register or change a work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.constants import CORPORATION_WORK_KINDS, MUNICIPALITY_WORK_KINDS
from woonafspraken.meetings.forms import WorkForm
from woonafspraken.meetings.models import Work
from woonafspraken.meetings.selectors import couplings


def work_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    works = list(
        Work.objects.filter(covenant=covenant).select_related("owner").order_by("start_date", "title")
    )
    editable = permissions.editable_works(user, covenant, works)
    for work in works:
        work.editable = work.pk in editable  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/work_list.html",
        {
            "works": works,
            "couplings": couplings(covenant),
            "can_register": permissions.can_register_work(user, covenant),
        },
    )


def _work_kinds(user: User) -> tuple[str, ...]:
    kind = permissions.work_kinds_allowed(user)
    if kind == "corporatie":
        return tuple(CORPORATION_WORK_KINDS)
    if kind == "gemeente":
        return tuple(MUNICIPALITY_WORK_KINDS)
    return ()


def work_edit(request: CovenantRequest, covenant_id: int, pk: int | None = None) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    work = (
        get_object_or_404(Work.objects.select_related("covenant"), covenant=covenant, pk=pk) if pk else None
    )
    allowed = permissions.can_edit_work(user, work) if work else permissions.can_register_work(user, covenant)
    if not allowed:
        raise PermissionDenied(_("Only the party carrying out the work registers and changes it."))
    initial: dict[str, Any] = {}
    if work:
        initial = {
            "kind": work.kind, "title": work.title, "wijk": work.wijk, "streets": ", ".join(work.streets),
            "start_date": work.start_date, "end_date": work.end_date, "description": work.description,
        }  # fmt: skip
        initial[TOKEN_FIELD] = edit_token(Rows.of(work))
    form = WorkForm(request.POST or None, initial=initial, kinds=_work_kinds(user) or None)
    if request.method == "POST" and request.POST.get("delete") and work:
        # The delete button posts no form fields: a conflict shows the stored work in a fresh form.
        try:
            services.work_delete(work=work, user=user, expected=request.POST.get(TOKEN_FIELD) or None)
        except StaleEditError as error:
            form = WorkForm(initial=initial, kinds=_work_kinds(user) or None)
            form.show_conflict(error)
            return render(request, "meetings/work_form.html", {"form": form, "work": work})
        messages.success(request, _("Work removed."))
        return redirect("meetings:works", covenant.pk)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "streets": form.street_list()}
        saved = (
            call_service(form, services.work_update, work=work, user=user, expected=form.seen, **data)
            if work
            else call_service(form, services.work_register, covenant=covenant, user=user, **data)
        )
        if saved is not None:
            messages.success(request, _("Work saved."))
            return redirect("meetings:works", covenant.pk)
    return render(request, "meetings/work_form.html", {"form": form, "work": work})
