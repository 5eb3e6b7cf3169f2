from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from woonafspraken.accounts.permissions import can_manage_covenant
from woonafspraken.core import registry
from woonafspraken.core.demo import examples_present


def site(request: HttpRequest) -> dict[str, Any]:
    """Whether the covenant of this page holds fictitious example data: its pages then show a banner.

    Pages outside a covenant (the covenant list, an item's history) show no banner: example data is
    always some covenant's, and the banner appears as soon as one opens it. The check asks every filler
    (``examples_present``), so a page does the same number of queries with or without demo data."""
    current = getattr(request, "covenant", None)
    if not request.user.is_authenticated or current is None:
        return {"demo_data_present": False}
    return {"demo_data_present": examples_present(current)}


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
