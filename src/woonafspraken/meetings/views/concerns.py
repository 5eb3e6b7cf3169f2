"""Pages of the knelpunten: the list, raise one, its page (discussions, withdrawal, comments)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import apply_errors, call_service
from woonafspraken.core.locking import TOKEN_FIELD, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import CommentForm, ConcernForm, ConcernStepForm
from woonafspraken.meetings.models import Concern, ConcernStep
from woonafspraken.meetings.views.common import _allow


def concern_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    concerns = Concern.objects.filter(covenant=covenant).select_related("owner", "agreement")
    return render(
        request,
        "meetings/concern_list.html",
        {
            "open_concerns": list(concerns.open().order_by("raised_on")),
            "closed_concerns": list(concerns.exclude(pk__in=concerns.open()).order_by("-closed_on")[:20]),
            "can_raise": permissions.can_raise_concern(request.user, covenant),
        },
    )


def concern_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    if not permissions.can_raise_concern(user, covenant):
        raise PermissionDenied(_("Only a party to this covenant can raise a bottleneck."))
    initial: dict[str, int] = {}
    if request.GET.get("afspraak"):
        agreement = covenant.agreements.filter(number=request.GET["afspraak"]).first()
        initial = {"agreement": agreement.pk} if agreement else {}
    form = ConcernForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        concern = call_service(
            form, services.concern_raise,
            covenant=covenant, user=user, kind=data["kind"], agreement=data["agreement"], title=data["title"],
            description=data["description"],
        )  # fmt: skip
        if concern is not None:
            messages.success(request, _("Bottleneck raised."))
            return redirect("meetings:concern", covenant.pk, concern.pk)
    return render(request, "meetings/concern_new.html", {"form": form})


def concern_view(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    concern = get_object_or_404(
        Concern.objects.select_related("owner", "agreement", "covenant").prefetch_related(
            Prefetch(
                "steps", queryset=ConcernStep.objects.select_related("meeting__meeting_type", "recorded_by")
            ),
            "comments__organisation",
            "comments__author",
        ),
        covenant=covenant,
        pk=pk,
    )
    token = edit_token(*services.concern_rows(concern))
    step_form = ConcernStepForm(
        covenant=covenant, prefix="stap", initial={"date": timezone.localdate(), TOKEN_FIELD: token}
    )
    comment_form = CommentForm(prefix="reactie")
    if request.method == "POST":
        which = request.POST.get("form")
        may_record = permissions.can_record_concern_step(user, concern)
        _allow(
            which,
            {"step": may_record, "withdraw": may_record, "comment": permissions.can_comment(user, covenant)},
        )
        if which == "step":
            step_form = ConcernStepForm(request.POST, covenant=covenant, prefix="stap")
            if step_form.is_valid():
                step = call_service(
                    step_form,
                    services.concern_record_step,
                    concern=concern,
                    user=user,
                    expected=step_form.seen,
                    **step_form.cleaned_data,
                )
                if step is not None:
                    messages.success(request, _("Discussion recorded."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
                if step_form.conflict is not None:  # the page below shows the discussions recorded since
                    concern.refresh_from_db()
        elif which == "comment":
            comment_form = CommentForm(request.POST, prefix="reactie")
            if comment_form.is_valid():
                comment = call_service(
                    comment_form,
                    services.comment_add,
                    user=user,
                    text=comment_form.cleaned_data["text"],
                    concern=concern,
                )
                if comment is not None:
                    messages.success(request, _("Comment added."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
        elif which == "withdraw":
            # No form of its own: a conflict is a message on the concern's page, a refusal shows above
            # the comment form.
            try:
                services.concern_withdraw(
                    concern=concern, user=user, expected=request.POST.get(TOKEN_FIELD) or None
                )
            except StaleEditError as error:
                messages.error(request, error.message)
                return redirect("meetings:concern", covenant.pk, concern.pk)
            except ValidationError as error:
                apply_errors(comment_form, error)
            else:
                messages.success(request, _("Bottleneck withdrawn."))
                return redirect("meetings:concern", covenant.pk, concern.pk)
        else:
            raise Http404
    return render(
        request,
        "meetings/concern_detail.html",
        {
            "concern": concern,
            "step_form": step_form,
            "comment_form": comment_form,
            "edit_token": token,
            "can_record": permissions.can_record_concern_step(user, concern),
            "can_comment": permissions.can_comment(user, covenant),
            "is_open": concern.stage in ("raised", "official", "steering"),
        },
    )
