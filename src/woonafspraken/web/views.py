from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator
from woonafspraken.agreements.models import Covenant


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:dashboard")
    return render(request, "web/landing.html")


def dashboard(request: HttpRequest) -> HttpResponse:
    """One covenant: go straight to it. Several: let the user choose among those they are party to."""
    stored = Covenant.objects.order_by("municipality", "-start_date")
    if not is_administrator(request.user):
        stored = stored.filter(party_links__organisation=request.user.organisation)  # type: ignore[union-attr]
    covenants = list(stored.distinct())
    if len(covenants) == 1:
        return redirect("agreements:covenant", covenants[0].pk)
    return render(
        request,
        "web/covenant_list.html",
        {"covenants": covenants, "can_import": can_manage_covenant(request.user, None)},
    )
