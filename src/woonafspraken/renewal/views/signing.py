"""The signing page of a draft: freeze or unfreeze its text, record each party's signature."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import CovenantParty, CovenantStage
from woonafspraken.core.forms import call_service
from woonafspraken.renewal.forms.signing import SignatureForm
from woonafspraken.renewal.permissions.signing import can_freeze, can_sign_for, parties_signable_by
from woonafspraken.renewal.services.signing import (
    covenant_freeze,
    covenant_sign,
    covenant_unfreeze,
    signing_overview,
)


def _page(request: CovenantRequest, bound: tuple[int, SignatureForm] | None = None) -> HttpResponse:
    covenant = request.covenant
    overview = signing_overview(covenant)
    signable = parties_signable_by(request.user, covenant, [item.party for item in overview.parties])
    rows = []
    for item in overview.parties:
        form = None
        if item.signature is None and covenant.frozen_at and item.party.pk in signable:
            form = (
                bound[1] if bound and bound[0] == item.party.pk else SignatureForm(prefix=f"p{item.party.pk}")
            )
        rows.append({"party": item.party, "signature": item.signature, "form": form})
    return render(
        request,
        "renewal/signing_page.html",
        {
            "overview": overview,
            "rows": rows,
            "can_freeze": can_freeze(request.user, covenant),
            "is_draft": covenant.stage == CovenantStage.DRAFT,
        },
        status=400 if bound else 200,
    )


def signing_page(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    return _page(request)


@require_POST
def signing_freeze(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    require(can_freeze(request.user, request.covenant))
    service = covenant_unfreeze if request.POST.get("action") == "unfreeze" else covenant_freeze
    try:
        service(covenant=request.covenant, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The text is frozen: the parties can sign.")
            if service is covenant_freeze
            else _("The text is open for changes again."),
        )
    return redirect("renewal:signing", covenant_id)


@require_POST
def signing_sign(request: CovenantRequest, covenant_id: int, organisation_id: int) -> HttpResponse:
    covenant = request.covenant
    link = get_object_or_404(
        CovenantParty.objects.select_related("organisation"),
        covenant=covenant,
        organisation_id=organisation_id,
    )
    party: Organisation = link.organisation
    require(can_sign_for(request.user, covenant, party))
    form = SignatureForm(request.POST, prefix=f"p{party.pk}")
    if form.is_valid():
        saved = call_service(
            form,
            covenant_sign,
            covenant=covenant,
            party=party,
            user=request.user,
            signatory=form.cleaned_data["signatory"],
            function=form.cleaned_data["function"],
            place=form.cleaned_data["place"],
            date=form.cleaned_data["date"],
        )
        if saved is not None:
            messages.success(request, _("The signature of %(party)s is recorded.") % {"party": party.name})
            return redirect("renewal:signing", covenant_id)
    covenant.refresh_from_db()
    return _page(request, (party.pk, form))
