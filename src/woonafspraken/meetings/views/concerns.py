"""Pages of the knelpunten: the list, raise one, its page (discussions, withdrawal, comments)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.core.locking import TOKEN_FIELD, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import CommentForm, ConcernForm, ConcernStepForm
from woonafspraken.meetings.models import Concern, ConcernStep
from woonafspraken.meetings.views.common import _allow, _apply_errors, _covenant, _page, _user


def concern_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    concerns = Concern.objects.filter(covenant=covenant).select_related("owner", "agreement")
    return _page(
        request, covenant, "concern_list.html",
        open_concerns=list(concerns.open().order_by("raised_on")),
        closed_concerns=list(concerns.exclude(pk__in=concerns.open()).order_by("-closed_on")[:20]),
        can_raise=permissions.can_raise_concern(_user(request), covenant),
    )  # fmt: skip


def concern_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_raise_concern(user, covenant):
        raise PermissionDenied(_("Only a party to this covenant can raise a bottleneck."))
    initial: dict[str, int] = {}
    if request.GET.get("afspraak"):
        agreement = covenant.agreements.filter(number=request.GET["afspraak"]).first()
        initial = {"agreement": agreement.pk} if agreement else {}
    form = ConcernForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.concern_raise(
                covenant=covenant, user=user, kind=data["kind"], agreement=data["agreement"], title=data["title"],
                description=data["description"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Bottleneck raised."))
            return redirect("meetings:concern", covenant.pk, concern.pk)
    return _page(request, covenant, "concern_new.html", form=form)


def concern_view(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
        try:
            if which == "step":
                step_form = ConcernStepForm(request.POST, covenant=covenant, prefix="stap")
                if step_form.is_valid():
                    services.concern_record_step(
                        concern=concern, user=user, expected=step_form.seen, **step_form.cleaned_data
                    )
                    messages.success(request, _("Discussion recorded."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
            elif which == "comment":
                comment_form = CommentForm(request.POST, prefix="reactie")
                if comment_form.is_valid():
                    services.comment_add(user=user, text=comment_form.cleaned_data["text"], concern=concern)
                    messages.success(request, _("Comment added."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
            elif which == "withdraw":
                services.concern_withdraw(
                    concern=concern, user=user, expected=request.POST.get(TOKEN_FIELD) or None
                )
                messages.success(request, _("Bottleneck withdrawn."))
                return redirect("meetings:concern", covenant.pk, concern.pk)
            else:
                raise Http404
        except StaleEditError as error:
            if which != "step":  # the page below shows the discussions recorded since
                messages.error(request, error.message)
                return redirect("meetings:concern", covenant.pk, concern.pk)
            step_form.show_conflict(error)
            concern.refresh_from_db()
        except ValidationError as error:
            _apply_errors(step_form if which == "step" else comment_form, error)
    return _page(
        request, covenant, "concern_detail.html", concern=concern, step_form=step_form, comment_form=comment_form,
        edit_token=token,
        can_record=permissions.can_record_concern_step(user, concern),
        can_comment=permissions.can_comment(user, covenant),
        is_open=concern.stage in ("raised", "official", "steering"),
    )  # fmt: skip
