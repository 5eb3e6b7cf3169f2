"""Pages of tenant advice: the list, a request, its page (the advice and the response)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.meetings import permissions, selectors, services
from woonafspraken.meetings.forms import AdviceForm, AdviceOfferForm, AdviceRequestForm, AdviceResponseForm
from woonafspraken.meetings.views.common import _allow


def advice_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    return render(
        request,
        "meetings/advice_list.html",
        {
            "requests": list(selectors.advice_of(covenant)),
            "today": timezone.localdate(),
            "can_request": permissions.can_request_advice(request.user, covenant),
            "can_offer": permissions.can_offer_advice(request.user, covenant),
        },
    )


def advice_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    if not permissions.can_request_advice(user, covenant):
        raise PermissionDenied(_("Only a corporation or the municipality requests advice."))
    form = AdviceRequestForm(request.POST or None, covenant=covenant, organisation=user.organisation)
    if request.method == "POST" and form.is_valid():
        advice = call_service(
            form, services.advice_request, covenant=covenant, user=user, **form.cleaned_data
        )
        if advice is not None:
            messages.success(request, _("Advice requested."))
            return redirect("meetings:advice", covenant.pk, advice.pk)
    return render(request, "meetings/advice_new.html", {"form": form})


def advice_offer(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """A tenant organisation gives advice on its own initiative (WOHV)."""
    covenant = request.covenant
    user = request.user
    if not permissions.can_offer_advice(user, covenant):
        raise PermissionDenied(_("Only a tenant organisation gives advice on its own initiative."))
    tenants = user.organisation
    addressees = selectors.advice_addressees(covenant, tenants) if tenants is not None else []
    # ?afspraak=<id>: advice on that agreement (linked from a draft successor's agreement page)
    chosen = request.GET.get("afspraak", "")
    initial = {"agreement": int(chosen)} if chosen.isdigit() else {}
    form = AdviceOfferForm(request.POST or None, covenant=covenant, addressees=addressees, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        offered = call_service(
            form,
            services.advice_offer,
            covenant=covenant,
            user=user,
            subject=data["subject"],
            advice=data["advice"],
            addressees=list(data["addressees"]),
            agreement=data["agreement"],
            activity=data["activity"],
            plan=data["plan"],
        )
        if offered is not None:
            messages.success(request, _("Advice recorded; it awaits the answer of those addressed."))
            return redirect("meetings:advice", covenant.pk, offered.pk)
    linked = tenants is not None and tenants.represents_tenants_of_id is not None
    return render(request, "meetings/advice_offer.html", {"form": form, "linked": linked})


def advice_view(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    advice = get_object_or_404(selectors.advice_of(covenant).select_related("advice_by", "covenant"), pk=pk)
    token = edit_token(Rows.of(advice))
    advice_form = AdviceForm(prefix="advies", initial={"advice": advice.advice, TOKEN_FIELD: token})
    response_form = AdviceResponseForm(prefix="reactie", initial={TOKEN_FIELD: token})
    if request.method == "POST":
        _allow(
            request.POST.get("form"),
            {
                "advice": permissions.can_give_advice(user, advice),
                "response": permissions.can_respond_to_advice(user, advice),
            },
        )
        if request.POST.get("form") == "advice":
            advice_form = AdviceForm(request.POST, prefix="advies")
            if advice_form.is_valid():
                given = call_service(
                    advice_form,
                    services.advice_give,
                    request=advice,
                    user=user,
                    advice=advice_form.cleaned_data["advice"],
                    expected=advice_form.seen,
                )
                if given is not None:
                    messages.success(request, _("Advice recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
        elif request.POST.get("form") == "response":
            response_form = AdviceResponseForm(request.POST, prefix="reactie")
            if response_form.is_valid():
                responded = call_service(
                    response_form,
                    services.advice_respond,
                    request=advice,
                    user=user,
                    response=response_form.cleaned_data["response"],
                    expected=response_form.seen,
                )
                if responded is not None:
                    messages.success(request, _("Response recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
        else:
            raise Http404
        if advice_form.conflict is not None or response_form.conflict is not None:
            advice.refresh_from_db()
    if advice.is_own_initiative:
        response_form.fields["response"].label = _("Answer")
    answers = advice.addressee_answers()
    answered = {organisation.pk for organisation, answer in answers if answer is not None}
    return render(
        request,
        "meetings/advice_detail.html",
        {
            "advice": advice,
            "answers": answers,
            "advice_form": advice_form,
            "response_form": response_form,
            "today": timezone.localdate(),
            "can_advise": permissions.can_give_advice(user, advice) and not advice.response and not answered,
            "can_respond": permissions.can_respond_to_advice(user, advice)
            and bool(advice.advice)
            and not (advice.is_own_initiative and user.organisation_id in answered),
        },
    )
