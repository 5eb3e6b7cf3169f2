"""Small registries through which domain apps plug into shared places (exports, covenant home panels).

Apps register in their own ``exports.py`` / ``panels.py``; ``CoreConfig.ready`` imports those modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from woonafspraken.agreements.models import Covenant


# An export turns a covenant into JSON-able data; ``rows`` flattens it for CSV/Excel.
@dataclass(frozen=True)
class Export:
    name: str
    description: str
    as_data: Callable[[Covenant], Any]
    as_tables: Callable[[Covenant], dict[str, list[dict[str, Any]]]]
    needs_year: bool = False


exports: dict[str, Export] = {}


def register_export(export: Export) -> Export:
    if export.name in exports:
        raise ValueError(f"Export {export.name!r} is registered twice.")
    exports[export.name] = export
    return export


# A panel adds a summary to the covenant home page: a template and the context it needs.
@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest, Covenant], dict[str, Any] | None]  # None: nothing to show


panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> Panel:
    if panel.name in panels:
        raise ValueError(f"Panel {panel.name!r} is registered twice.")
    panels[panel.name] = panel
    return panel


def ordered_panels() -> list[Panel]:
    return sorted(panels.values(), key=lambda panel: (panel.order, panel.name))


# A navigation item shown on every page of a covenant, e.g. "Woningvoorraad" from the housing app.
@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str  # reversed with the covenant's id as its only argument
    order: int = 100


nav_items: dict[str, NavItem] = {}


def register_nav(item: NavItem) -> NavItem:
    nav_items[item.url_name] = item
    return item


def ordered_nav() -> list[NavItem]:
    return sorted(nav_items.values(), key=lambda item: (item.order, item.label))
