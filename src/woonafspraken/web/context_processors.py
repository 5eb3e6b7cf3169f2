from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
    """What every page of a covenant shows: the covenant, its menu (the covenant's home, the agreements,
    then what the apps registered) with the item of this page marked, whether the user coordinates it.
    Only on ``/convenanten/<id>/…`` pages, where ``CovenantAccessMiddleware`` put the covenant on the
    request (not on their error pages)."""
    current = getattr(request, "covenant", None)
    if current is None:
        return {}
    items = [
        registry.NavItem(label=cast(str, _("Covenant")), url_name="agreements:covenant"),
        registry.NavItem(label=cast(str, _("Agreements")), url_name="agreements:list"),
        *registry.nav_items,
    ]
    here = _menu_item_of(request, [item.url_name for item in items])
    return {
        "covenant": current,
        "covenant_nav": [
            {
                "label": item.label,
                "url": reverse(item.url_name, args=[current.pk]),
                "current": item.url_name == here,
            }
            for item in items
        ],
        "can_manage": can_manage_covenant(request.user, current),
    }


def _menu_item_of(request: HttpRequest, url_names: list[str]) -> str | None:
    """The menu item a page belongs to: the one with the page's own URL name, else the first of the
    page's app (its URL namespace), so a theme or an agreement lights up "Agreements" and a meeting
    "Meetings". None for a page of no menu item."""
    match = request.resolver_match
    if match is None:
        return None
    if match.view_name in url_names:
        return match.view_name
    if match.namespace == "agreements":
        return "agreements:list"  # a theme, an agreement, a change: pages of the agreements, not of home
    return next((name for name in url_names if name.split(":")[0] == match.namespace), None)
