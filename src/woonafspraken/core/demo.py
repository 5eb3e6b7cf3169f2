"""Fictitious example data for `woonafspraken init --demo`.

Domain apps register a filler here (in their ``demo.py``); every row a filler writes is flagged as
fictitious so the UI shows it with a banner and real imports never mix with it silently.

The banner is per covenant: a covenant's pages (and its reports) say so when *that* covenant holds example
rows. Every page asks, so each filler's ``present`` is one query on a partial index over the flagged rows
(``condition=Q(is_demo=True)``): it stays as cheap with 340 covenants as with one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from woonafspraken.core.registry import AnyCovenant, Registry


def example_mark() -> str:
    """The one word that marks example data in every page, report and export ("voorbeeld")."""
    return pgettext("example data mark", "example")


def example_legend() -> str:
    return _("Rows marked ‘%(mark)s’ hold made-up example data, not real figures.") % {"mark": example_mark()}


@dataclass(frozen=True)
class DemoFiller:
    name: str
    description: str
    fill: Callable[[AnyCovenant], int]  # returns the number of example rows written
    present: Callable[[AnyCovenant], bool]  # whether this covenant holds any of this filler's example rows
    order: int = 100


fillers = Registry[DemoFiller](
    "Demo filler", key=lambda filler: filler.name, order=lambda filler: filler.order
)
register_demo = fillers.register


def examples_present(covenant: AnyCovenant) -> bool:
    """Whether the covenant holds fictitious example rows of any filler.

    Every filler is asked (no short-circuit), so a page does the same number of queries with or without
    example data."""
    return any([filler.present(covenant) for filler in fillers])
