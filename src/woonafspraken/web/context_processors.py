from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from woonafspraken.accounts.permissions import can_manage_covenant
from woonafspraken.core import registry
from woonafspraken.core.demo import fillers


def site(request: HttpRequest) -> dict[str, Any]:
    """Whether fictitious example data is stored: every page then shows a banner."""
    if not request.user.is_authenticated:
        return {"demo_data_present": False}
    # Ask every filler (no short-circuit), so a page does the same number of queries with or without demo data.
    present = [filler.present() for filler in fillers]
    return {"demo_data_present": any(present)}


def covenant(request: HttpRequest) -> dict[str, Any]:
    """What every page of a covenant shows: the covenant, the menu the apps registered, whether the user
    coordinates it. Only on ``/convenanten/<id>/…`` pages, where ``CovenantAccessMiddleware`` put the
    covenant on the request (not on their error pages)."""
    current = getattr(request, "covenant", None)
    if current is None:
        return {}
    return {
        "covenant": current,
        "covenant_nav": [
            {"label": item.label, "url": reverse(item.url_name, args=[current.pk])}
            for item in registry.nav_items
        ],
        "can_manage": can_manage_covenant(request.user, current),
    }
