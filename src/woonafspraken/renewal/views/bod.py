"""Pages of the bod: the bods of a year, one bod with its items and responses, the forms that record them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Theme
from woonafspraken.core.forms import call_service
from woonafspraken.renewal.forms.bod import (
    BodEditForm,
    BodForm,
    BodItemForm,
    BodResponseForm,
    BodSubmitForm,
)
from woonafspraken.renewal.models import Bod, BodItem, BodResponse
from woonafspraken.renewal.permissions.bod import (
    can_edit_bod,
    can_start_bod,
    responding_organisation,
)
from woonafspraken.renewal.services import bod as services


@dataclass(frozen=True)
class BodRow:
    corporation: Organisation
    bod: Bod | None
    responses: list[BodResponse]


def _bod(request: CovenantRequest, pk: int) -> Bod:
    return get_object_or_404(
        Bod.objects.select_related("covenant", "corporation", "created_by"), covenant=request.covenant, pk=pk
    )


def _year(request: CovenantRequest) -> int:
    text = request.GET.get("jaar", "")
    if text.isdigit() and 1900 < int(text) < 3000:
        return int(text)
    return timezone.localdate().year + 1


def bod_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    year = _year(request)
    corporations = list(
        Organisation.objects.filter(covenants=covenant, kind=OrganisationKind.CORPORATION).order_by("name")
    )
    bods = {
        bod.corporation_id: bod
        for bod in Bod.objects.filter(covenant=covenant, year=year).prefetch_related(
            "responses__tenant_organisation"
        )
    }
    rows = [
        BodRow(
            corporation,
            bods.get(corporation.pk),
            list(bods[corporation.pk].responses.all()) if corporation.pk in bods else [],
        )
        for corporation in corporations
    ]
    years = sorted(
        {
            year,
            timezone.localdate().year + 1,
            *Bod.objects.filter(covenant=covenant).values_list("year", flat=True),
        },
        reverse=True,
    )
    return render(
        request,
        "renewal/bod_list.html",
        {"year": year, "years": years, "rows": rows, "can_start": can_start_bod(request.user, covenant)},
    )


def _corporation(request: CovenantRequest) -> Organisation | None:
    """The corporation a user records a bod for: their own; None for an administrator (who chooses)."""
    organisation = request.user.organisation
    if organisation is not None and organisation.kind == OrganisationKind.CORPORATION:
        return organisation
    return None


def bod_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    if not can_start_bod(request.user, covenant):
        raise PermissionDenied(_("Only the corporation's editors and coordinators record its bod."))
    corporation = _corporation(request)
    form = BodForm(
        request.POST or None, request.FILES or None, covenant=covenant, corporation=corporation,
        initial={"year": _year(request)},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bod = call_service(
            form, services.bod_create,
            covenant=covenant, user=request.user, corporation=corporation or data["corporation"],
            year=data["year"], summary=data["summary"], upload=data["file"],
        )  # fmt: skip
        if bod is not None:
            messages.success(request, _("Bod recorded as a draft. Add its items, then submit it."))
            return redirect("renewal:bod", covenant.pk, bod.pk)
    return render(request, "renewal/bod_form.html", {"form": form, "corporation": corporation})


@dataclass(frozen=True)
class ThemeItems:
    theme: Theme
    items: list[BodItem]


def _by_theme(items: Iterable[BodItem]) -> list[ThemeItems]:
    groups: dict[int, ThemeItems] = {}
    for item in items:
        groups.setdefault(item.theme_id, ThemeItems(item.theme, [])).items.append(item)
    return list(groups.values())


def bod_view(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    bod = _bod(request, pk)
    items = list(bod.items.select_related("theme", "agreement"))
    responses = list(bod.responses.select_related("tenant_organisation", "created_by"))
    editable = can_edit_bod(request.user, bod) and not bod.is_submitted
    responder = responding_organisation(request.user, bod) if bod.is_submitted else None
    if responder is not None and any(r.tenant_organisation_id == responder.pk for r in responses):
        responder = None
    return render(
        request,
        "renewal/bod_detail.html",
        {
            "bod": bod,
            "themes": _by_theme(items),
            "item_count": len(items),
            "responses": responses,
            "editable": editable,
            "item_form": BodItemForm(covenant=request.covenant) if editable else None,
            "submit_form": BodSubmitForm() if editable else None,
            "responder": responder,
            "response_form": BodResponseForm() if responder is not None else None,
        },
    )


def _require_edit(request: CovenantRequest, bod: Bod) -> None:
    if not can_edit_bod(request.user, bod):
        raise PermissionDenied(_("Only the corporation's editors and coordinators change its bod."))


def _submitted_notice(request: CovenantRequest, bod: Bod) -> HttpResponse:
    messages.error(request, _("The bod has been submitted; it no longer changes."))
    return redirect("renewal:bod", bod.covenant_id, bod.pk)


def bod_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    bod = _bod(request, pk)
    _require_edit(request, bod)
    if bod.is_submitted:
        return _submitted_notice(request, bod)
    form = BodEditForm(request.POST or None, request.FILES or None, initial={"summary": bod.summary})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            services.bod_update,
            bod=bod,
            user=request.user,
            summary=data["summary"],
            upload=data["file"],
        )
        if saved is not None:
            messages.success(request, _("Bod saved."))
            return redirect("renewal:bod", covenant_id, bod.pk)
    return render(request, "renewal/bod_edit.html", {"form": form, "bod": bod})


def bod_document(request: CovenantRequest, covenant_id: int, pk: int) -> FileResponse:
    bod = _bod(request, pk)
    if not bod.file:
        raise Http404(_("This bod has no document."))
    try:
        handle = bod.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(handle, as_attachment=True, filename=bod.filename)


def _item_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "theme": data["theme"], "kind": data["kind"], "text": data["text"], "number": data["number"],
        "unit": data["unit"], "agreement": data["agreement"], "new_topic": data["new_topic"],
    }  # fmt: skip


def bod_item_add(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    bod = _bod(request, pk)
    _require_edit(request, bod)
    if bod.is_submitted:
        return _submitted_notice(request, bod)
    form = BodItemForm(request.POST or None, covenant=request.covenant)
    if request.method == "POST" and form.is_valid():
        item = call_service(
            form, services.bod_item_add, bod=bod, user=request.user, **_item_arguments(form.cleaned_data)
        )
        if item is not None:
            messages.success(request, _("Item added."))
            return redirect("renewal:bod", covenant_id, bod.pk)
    return render(request, "renewal/bod_item_form.html", {"form": form, "bod": bod, "item": None})


def _item(request: CovenantRequest, pk: int) -> BodItem:
    return get_object_or_404(
        BodItem.objects.select_related("bod__covenant", "bod__corporation", "theme", "agreement"),
        bod__covenant=request.covenant,
        pk=pk,
    )


def bod_item_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    item = _item(request, pk)
    bod = item.bod
    _require_edit(request, bod)
    if bod.is_submitted:
        return _submitted_notice(request, bod)
    initial = {
        "theme": item.theme, "kind": item.kind, "text": item.text, "number": item.number,
        "unit": item.unit, "agreement": item.agreement, "new_topic": item.new_topic,
    }  # fmt: skip
    form = BodItemForm(request.POST or None, covenant=request.covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.bod_item_update, item=item, user=request.user, **_item_arguments(form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("Item saved."))
            return redirect("renewal:bod", covenant_id, bod.pk)
    return render(request, "renewal/bod_item_form.html", {"form": form, "bod": bod, "item": item})


@require_POST
def bod_item_remove(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    item = _item(request, pk)
    _require_edit(request, item.bod)
    try:
        services.bod_item_remove(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Item removed."))
    return redirect("renewal:bod", covenant_id, item.bod_id)


def bod_submit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    bod = _bod(request, pk)
    _require_edit(request, bod)
    if bod.is_submitted:
        return _submitted_notice(request, bod)
    form = BodSubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.bod_submit, bod=bod, user=request.user, on=form.cleaned_data["submitted_on"]
        )
        if saved is not None:
            messages.success(request, _("Bod submitted."))
            return redirect("renewal:bod", covenant_id, bod.pk)
    return render(request, "renewal/bod_submit.html", {"form": form, "bod": bod})


def bod_respond(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    bod = _bod(request, pk)
    organisation = responding_organisation(request.user, bod)
    if organisation is None:
        raise PermissionDenied(
            _("Only the tenant organisation that represents this corporation's tenants responds to its bod.")
        )
    form = BodResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = call_service(
            form, services.bod_respond,
            field_of=lambda field: "responded_on" if field == "on" else field,
            bod=bod, user=request.user, text=data["text"], position=data["position"],
            on=data["responded_on"], tenant_organisation=organisation,
        )  # fmt: skip
        if response is not None:
            messages.success(request, _("Response recorded."))
            return redirect("renewal:bod", covenant_id, bod.pk)
    return render(
        request, "renewal/bod_respond.html", {"form": form, "bod": bod, "organisation": organisation}
    )
