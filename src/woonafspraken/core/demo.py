"""Fictitious example data for `woonafspraken init --demo`.

Domain apps register a filler here (in their ``demo.py``); every row a filler writes is flagged as
fictitious so the UI shows it with a banner and real imports never mix with it silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from woonafspraken.core.registry import AnyCovenant, Registry


@dataclass(frozen=True)
class DemoFiller:
    name: str
    description: str
    fill: Callable[[AnyCovenant], int]  # returns the number of example rows written
    present: Callable[[], bool]  # whether any of this filler's example rows are stored
    order: int = 100


fillers = Registry[DemoFiller](
    "Demo filler", key=lambda filler: filler.name, order=lambda filler: filler.order
)
register_demo = fillers.register
