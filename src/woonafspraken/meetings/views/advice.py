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
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import AdviceForm, AdviceRequestForm, AdviceResponseForm
from woonafspraken.meetings.models import AdviceRequest
from woonafspraken.meetings.views.common import _allow


def advice_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    requests = AdviceRequest.objects.filter(covenant=covenant).select_related(
        "owner", "tenant_organisation", "agreement"
    )
    return render(
        request,
        "meetings/advice_list.html",
        {
            "requests": list(requests),
            "today": timezone.localdate(),
            "can_request": permissions.can_request_advice(request.user, covenant),
        },
    )


def advice_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    if not permissions.can_request_advice(user, covenant):
        raise PermissionDenied(_("Only a corporation or the municipality requests advice."))
    form = AdviceRequestForm(request.POST or None, covenant=covenant)
    if request.method == "POST" and form.is_valid():
        advice = call_service(
            form, services.advice_request, covenant=covenant, user=user, **form.cleaned_data
        )
        if advice is not None:
            messages.success(request, _("Advice requested."))
            return redirect("meetings:advice", covenant.pk, advice.pk)
    return render(request, "meetings/advice_new.html", {"form": form})


def advice_view(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    advice = get_object_or_404(
        AdviceRequest.objects.select_related(
            "owner", "tenant_organisation", "agreement", "advice_by", "covenant"
        ),
        covenant=covenant,
        pk=pk,
    )
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
    return render(
        request,
        "meetings/advice_detail.html",
        {
            "advice": advice,
            "advice_form": advice_form,
            "response_form": response_form,
            "today": timezone.localdate(),
            "can_advise": permissions.can_give_advice(user, advice) and not advice.response,
            "can_respond": permissions.can_respond_to_advice(user, advice) and bool(advice.advice),
        },
    )
