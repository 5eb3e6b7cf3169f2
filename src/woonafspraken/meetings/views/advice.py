"""Pages of tenant advice: the list, a request, its page (the advice and the response)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import AdviceForm, AdviceRequestForm, AdviceResponseForm
from woonafspraken.meetings.models import AdviceRequest
from woonafspraken.meetings.views.common import _allow, _apply_errors, _covenant, _page, _user


def advice_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    requests = AdviceRequest.objects.filter(covenant=covenant).select_related(
        "owner", "tenant_organisation", "agreement"
    )
    return _page(
        request, covenant, "advice_list.html", requests=list(requests), today=timezone.localdate(),
        can_request=permissions.can_request_advice(_user(request), covenant),
    )  # fmt: skip


def advice_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_request_advice(user, covenant):
        raise PermissionDenied(_("Only a corporation or the municipality requests advice."))
    form = AdviceRequestForm(request.POST or None, covenant=covenant)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_request(covenant=covenant, user=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Advice requested."))
            return redirect("meetings:advice", covenant.pk, advice.pk)
    return _page(request, covenant, "advice_new.html", form=form)


def advice_view(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
        try:
            if request.POST.get("form") == "advice":
                advice_form = AdviceForm(request.POST, prefix="advies")
                if advice_form.is_valid():
                    services.advice_give(
                        request=advice,
                        user=user,
                        advice=advice_form.cleaned_data["advice"],
                        expected=advice_form.seen,
                    )
                    messages.success(request, _("Advice recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
            elif request.POST.get("form") == "response":
                response_form = AdviceResponseForm(request.POST, prefix="reactie")
                if response_form.is_valid():
                    services.advice_respond(
                        request=advice,
                        user=user,
                        response=response_form.cleaned_data["response"],
                        expected=response_form.seen,
                    )
                    messages.success(request, _("Response recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
            else:
                raise Http404
        except StaleEditError as error:
            (advice_form if request.POST.get("form") == "advice" else response_form).show_conflict(error)
            advice.refresh_from_db()
        except ValidationError as error:
            _apply_errors(advice_form if request.POST.get("form") == "advice" else response_form, error)
    return _page(
        request, covenant, "advice_detail.html", advice=advice, advice_form=advice_form,
        response_form=response_form, today=timezone.localdate(),
        can_advise=permissions.can_give_advice(user, advice) and not advice.response,
        can_respond=permissions.can_respond_to_advice(user, advice) and bool(advice.advice),
    )  # fmt: skip
