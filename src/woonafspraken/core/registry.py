"""Small registries through which domain apps plug into shared places.

Exports, covenant-home panels, navigation, agreement-page panels, computed series and agenda sources.
Apps register in their own ``exports.py``, ``panels.py`` (panels, nav, agreement panels, computed series,
agenda sources) and ``report_sections.py``; ``CoreConfig.ready`` imports those modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise

    from woonafspraken.agreements.models import Agreement, Covenant


# An export turns a covenant into JSON-able data; ``rows`` flattens it for CSV/Excel.
@dataclass(frozen=True)
class Export:
    name: str
    description: StrOrPromise
    as_data: Callable[[Covenant], Any]
    as_tables: Callable[[Covenant], dict[str, list[dict[str, Any]]]]
    needs_year: bool = False
    # Exports per year (``--year``): the command calls these with the year when they are given.
    as_data_for_year: Callable[[Covenant, int], Any] | None = None
    as_tables_for_year: Callable[[Covenant, int], dict[str, list[dict[str, Any]]]] | None = None
    # An export with a file format of its own (e.g. "ics"): the command's default format for it.
    file_format: str = ""
    as_file_for_year: Callable[[Covenant, int], bytes] | None = None

    def data(self, covenant: Covenant, year: int | None) -> Any:
        if year is not None and self.as_data_for_year is not None:
            return self.as_data_for_year(covenant, year)
        return self.as_data(covenant)

    def tables(self, covenant: Covenant, year: int | None) -> dict[str, list[dict[str, Any]]]:
        if year is not None and self.as_tables_for_year is not None:
            return self.as_tables_for_year(covenant, year)
        return self.as_tables(covenant)


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


# A panel on an agreement's page, e.g. its activities, indicators, actions or tenant advice.
@dataclass(frozen=True)
class AgreementPanel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest, Agreement], dict[str, Any] | None]  # None: nothing to show


agreement_panels: dict[str, AgreementPanel] = {}


def register_agreement_panel(panel: AgreementPanel) -> AgreementPanel:
    if panel.name in agreement_panels:
        raise ValueError(f"Agreement panel {panel.name!r} is registered twice.")
    agreement_panels[panel.name] = panel
    return panel


def ordered_agreement_panels() -> list[AgreementPanel]:
    return sorted(agreement_panels.values(), key=lambda panel: (panel.order, panel.name))


# A figure one app computes and another shows, so nothing is entered twice (for example the social
# new build per year from the housing figures, shown as an indicator).
@dataclass(frozen=True)
class ComputedPoint:
    period: str  # "2022", "2024-K1", "2024-H2"
    period_start: dt.date
    value: float
    series: str = "realised"  # "planned" or "realised"
    dimension: str = ""  # e.g. a corporation's name; "" for the total


@dataclass(frozen=True)
class ComputedSeries:
    key: str  # "housing.social_new_build"
    label: str
    unit: str
    compute: Callable[[Covenant], list[ComputedPoint]]


computed_series: dict[str, ComputedSeries] = {}


def register_computed_series(series: ComputedSeries) -> ComputedSeries:
    if series.key in computed_series:
        raise ValueError(f"Computed series {series.key!r} is registered twice.")
    computed_series[series.key] = series
    return series


# What became due or fell behind, for a meeting's agenda proposal (activities behind, indicators off
# target, open actions, open bottlenecks...). Each app contributes its own points.
@dataclass(frozen=True)
class AgendaPoint:
    title: str
    detail: str = ""
    url: str = ""
    agreement: str | None = None  # agreement number


@dataclass(frozen=True)
class AgendaSource:
    name: str
    heading: str  # Dutch heading of this group on the agenda ("Activiteiten die achterlopen")
    order: int
    collect: Callable[[Covenant, dt.date | None, dt.date], list[AgendaPoint]]  # (covenant, since, until)


agenda_sources: dict[str, AgendaSource] = {}


def register_agenda_source(source: AgendaSource) -> AgendaSource:
    if source.name in agenda_sources:
        raise ValueError(f"Agenda source {source.name!r} is registered twice.")
    agenda_sources[source.name] = source
    return source


def ordered_agenda_sources() -> list[AgendaSource]:
    return sorted(agenda_sources.values(), key=lambda source: (source.order, source.name))


# Work to do right after a document has been imported, in the same transaction (for example reading
# the housing figures from the appendices, or seeding meeting types from the agreements). A hook
# returns messages for the user; it raises ``ImportRefusedError``-like ValueErrors to refuse the import.
@dataclass(frozen=True)
class ImportHook:
    name: str
    order: int
    run: Callable[[Covenant, Any], list[str]]  # (covenant, user or None) -> messages for the user


import_hooks: dict[str, ImportHook] = {}


def register_import_hook(hook: ImportHook) -> ImportHook:
    if hook.name in import_hooks:
        raise ValueError(f"Import hook {hook.name!r} is registered twice.")
    import_hooks[hook.name] = hook
    return hook


def ordered_import_hooks() -> list[ImportHook]:
    return sorted(import_hooks.values(), key=lambda hook: (hook.order, hook.name))
