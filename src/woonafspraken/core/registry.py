"""One generic registry, and the plug-in points through which domain apps plug into shared places.

Exports, covenant-home panels, navigation, agreement-page panels, computed series, agenda sources, import
hooks and the scoreboard's attention and work sources are here; demo fillers (``core.demo``), report sections (``core.reporting``), revert handlers
(``core.changes``) and report formats (``reports.formats``) are registries of the same kind. Apps register
in their own ``exports.py``, ``panels.py`` (panels, nav, agreement panels, computed series, agenda
sources, import hooks, attention and work sources), ``demo.py`` and ``report_sections.py``; ``CoreConfig.ready`` imports those modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")

# ``core`` sits below the domain apps and names none of them: the covenant (``agreements.Covenant``) and
# agreement a plug-in receives are typed loosely here and strictly in the app that registers it.
AnyCovenant: TypeAlias = Any
AnyAgreement: TypeAlias = Any


class Registry(Generic[T]):
    """Named plug-ins of one kind: registered once each, listed in a fixed order.

    ``key`` names an item (a second item with the same name is refused); ``order`` sorts them (ties by
    name), else they are listed in the order they were registered (the order of ``INSTALLED_APPS``).
    """

    def __init__(
        self, kind: str, *, key: Callable[[T], str], order: Callable[[T], Any] | None = None
    ) -> None:
        self.kind = kind
        self._key = key
        self._order = order
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        name = self._key(item)
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is registered twice.")
        self._items[name] = item
        return item

    def unregister(self, name: str) -> T | None:
        """Take an item out (tests set plug-ins aside this way, inside ``temporarily``)."""
        return self._items.pop(name, None)

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def __getitem__(self, name: str) -> T:
        return self._items[name]

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        items = list(self._items.values())
        if self._order is not None:
            order, key = self._order, self._key
            items.sort(key=lambda item: (order(item), key(item)))
        return iter(items)

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        return [self._key(item) for item in self]

    @contextmanager
    def temporarily(self) -> Iterator[Registry[T]]:
        """Change the registry inside a ``with`` block (tests); afterwards it is as it was."""
        saved = dict(self._items)
        try:
            yield self
        finally:
            self._items = saved


# An export turns a covenant into JSON-able data; ``rows`` flattens it for CSV/Excel.
@dataclass(frozen=True)
class Export:
    name: str
    description: StrOrPromise
    as_data: Callable[[AnyCovenant], Any]
    as_tables: Callable[[AnyCovenant], dict[str, list[dict[str, Any]]]]
    needs_year: bool = False
    # Exports per year (``--year``): the command calls these with the year when they are given.
    as_data_for_year: Callable[[AnyCovenant, int], Any] | None = None
    as_tables_for_year: Callable[[AnyCovenant, int], dict[str, list[dict[str, Any]]]] | None = None
    # An export with a file format of its own (e.g. "ics"): the command's default format for it.
    file_format: str = ""
    as_file_for_year: Callable[[AnyCovenant, int], bytes] | None = None
    # Exports of the state on a date (``--on``, default today): the command calls these with the date.
    as_data_on: Callable[[AnyCovenant, dt.date], Any] | None = None
    as_tables_on: Callable[[AnyCovenant, dt.date], dict[str, list[dict[str, Any]]]] | None = None

    def data(self, covenant: AnyCovenant, year: int | None) -> Any:
        if year is not None and self.as_data_for_year is not None:
            return self.as_data_for_year(covenant, year)
        return self.as_data(covenant)

    def tables(self, covenant: AnyCovenant, year: int | None) -> dict[str, list[dict[str, Any]]]:
        if year is not None and self.as_tables_for_year is not None:
            return self.as_tables_for_year(covenant, year)
        return self.as_tables(covenant)


exports = Registry[Export]("Export", key=lambda export: export.name)
register_export = exports.register


# A panel adds a summary to the covenant home page: a template and the context it needs.
@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest, AnyCovenant], dict[str, Any] | None]  # None: nothing to show


panels = Registry[Panel]("Panel", key=lambda panel: panel.name, order=lambda panel: panel.order)
register_panel = panels.register


# A navigation item shown on every page of a covenant, e.g. "Woningvoorraad" from the housing app.
@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str  # reversed with the covenant's id as its only argument
    order: int = 100


nav_items = Registry[NavItem](
    "Navigation item", key=lambda item: item.url_name, order=lambda item: (item.order, item.label)
)
register_nav = nav_items.register


# A panel on an agreement's page, e.g. its activities, indicators, actions or tenant advice.
@dataclass(frozen=True)
class AgreementPanel:
    name: str
    template: str
    order: int
    context: Callable[[HttpRequest, AnyAgreement], dict[str, Any] | None]  # None: nothing to show


agreement_panels = Registry[AgreementPanel](
    "Agreement panel", key=lambda panel: panel.name, order=lambda panel: panel.order
)
register_agreement_panel = agreement_panels.register


# A figure one app computes and another shows, so nothing is entered twice (for example the social
# new build per year from the housing figures, shown as an indicator).
@dataclass(frozen=True)
class ComputedPoint:
    period: str  # "2022", "2024-K1", "2024-H2"
    period_start: dt.date
    value: float
    series: str = "realised"  # "planned" or "realised"
    dimension: str = ""  # e.g. a corporation's name; "" for the total
    is_demo: bool = False  # rests on fictitious example figures


@dataclass(frozen=True)
class ComputedSeries:
    key: str  # "housing.social_new_build"
    label: StrOrPromise
    unit: str
    compute: Callable[[AnyCovenant], list[ComputedPoint]]


computed_series = Registry[ComputedSeries]("Computed series", key=lambda series: series.key)
register_computed_series = computed_series.register


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
    heading: StrOrPromise  # heading of this group on the agenda ("Activities that are behind")
    order: int
    collect: Callable[[AnyCovenant, dt.date | None, dt.date], list[AgendaPoint]]  # (covenant, since, until)


agenda_sources = Registry[AgendaSource](
    "Agenda source", key=lambda source: source.name, order=lambda source: source.order
)
register_agenda_source = agenda_sources.register


# Work to do right after a document has been imported, in the same transaction (for example reading
# the housing figures from the appendices, or seeding meeting types from the agreements). A hook
# returns messages for the user; it raises ``ImportRefusedError``-like ValueErrors to refuse the import.
@dataclass(frozen=True)
class ImportHook:
    name: str
    order: int
    run: Callable[[AnyCovenant, Any], list[str]]  # (covenant, user or None) -> messages for the user


import_hooks = Registry[ImportHook]("Import hook", key=lambda hook: hook.name, order=lambda hook: hook.order)
register_import_hook = import_hooks.register


# The covenant's start page (the scoreboard) answers "what needs attention now?" and "what is mine to do?".
# Each app supplies its own lines: an ``AttentionSource`` for everyone, a ``WorkSource`` for the user's
# organisation. A source does a constant number of queries, whatever the number of items.
@dataclass(frozen=True)
class BoardLine:
    text: str  # one line: "1.1.2 Woningbouwprogramma"
    url: str = ""
    detail: str = ""  # a one-line reason or date: "gepland voor K2 2026, nog niet gereed"
    is_demo: bool = False  # rests on fictitious example data


@dataclass(frozen=True)
class BoardGroup:
    """A few lines of one kind on the board, with the number of all of them and where they are listed."""

    heading: StrOrPromise  # "Activiteiten over hun moment"
    lines: tuple[BoardLine, ...]  # the first few (``BOARD_LINES``)
    total: int  # all of them: "toon alle 12"
    all_url: str = ""
    empty: StrOrPromise = ""  # said when there is nothing: "Geen afspraken achter."
    counted: bool = True  # a list of things shows its number; "the next meeting" does not


BOARD_LINES = 3  # lines per group on the board; "show all N" links to the rest


@dataclass(frozen=True)
class AttentionSource:
    name: str
    order: int
    collect: Callable[[AnyCovenant, dt.date], BoardGroup | None]  # (covenant, today); None: not shown


@dataclass(frozen=True)
class WorkLine:
    """One line of "mijn werk" across covenants, with the covenant it belongs to."""

    covenant_id: int
    line: BoardLine


@dataclass(frozen=True)
class WorkAcross:
    """One work source's lines for one organisation across several covenants: every line, in order."""

    heading: StrOrPromise
    lines: tuple[WorkLine, ...]


@dataclass(frozen=True)
class WorkSource:
    name: str
    order: int
    # (covenant, the user's organisation, today) -> that organisation's work; None: not shown
    collect: Callable[[AnyCovenant, Any, dt.date], BoardGroup | None]
    # (covenants, the user's organisation, today) -> its work in all of them at once, in a constant
    # number of queries however many covenants (the start page's "mijn werk"); None: not shown
    collect_across: Callable[[Sequence[AnyCovenant], Any, dt.date], WorkAcross | None] | None = None


attention_sources = Registry[AttentionSource](
    "Attention source", key=lambda source: source.name, order=lambda source: source.order
)
register_attention_source = attention_sources.register
work_sources = Registry[WorkSource](
    "Work source", key=lambda source: source.name, order=lambda source: source.order
)
register_work_source = work_sources.register
