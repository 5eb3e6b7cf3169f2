from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator, is_national_reader
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.scoreboard import work_across
from woonafspraken.national.permissions import can_read_comparison


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:dashboard")
    return render(request, "web/landing.html")


def _covenants(request: HttpRequest) -> list[Covenant]:
    """The covenants the user sees: every one for an administrator, else those of their organisation."""
    stored = Covenant.objects.order_by("municipality", "-start_date", "pk")
    if not is_administrator(request.user):
        stored = stored.of_organisation(request.user.organisation_id)  # type: ignore[union-attr]
    return list(stored)


def dashboard(request: HttpRequest) -> HttpResponse:
    """One covenant: go straight to it. Several: the user's covenants with one "mijn werk" across them.
    A national reader (ministry, province, research bureau) reads the national comparison only."""
    if is_national_reader(request.user) and not is_administrator(request.user):
        return redirect("national:comparison")
    covenants = _covenants(request)
    if len(covenants) == 1:
        return redirect("agreements:covenant", covenants[0].pk)
    return _overview(request, covenants)


def my_work(request: HttpRequest) -> HttpResponse:
    """The user's covenants and their organisation's work in all of them, each line with its covenant."""
    if is_national_reader(request.user) and not is_administrator(request.user):
        return redirect("national:comparison")
    return _overview(request, _covenants(request))


def _overview(request: HttpRequest, covenants: list[Covenant]) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    return render(
        request,
        "web/covenant_list.html",
        {
            "covenants": covenants,
            "can_import": can_manage_covenant(request.user, None),
            "organisation": organisation,
            "work": work_across(covenants, organisation, timezone.localdate()),
            "can_compare": can_read_comparison(request.user),
        },
    )
