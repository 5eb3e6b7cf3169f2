"""The bestuurder's one page: the covenant's scoreboard (its start page) as one A4 PDF.

The web page (``agreements:covenant``), its "Download als PDF" and ``report dashboard`` all show this one
page: the status per theme from the verdicts and what needs attention now, on one day.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from weasyprint import HTML  # type: ignore[import-untyped]

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.scoreboard import attention, scoreboard
from woonafspraken.core.demo import example_mark
from woonafspraken.core.formatting import format_date

# One A4 whatever the covenant holds: fewer lines per attention group until it fits.
SCOREBOARD_LINES = (5, 3, 2, 1, 0)


def scoreboard_pdf(covenant: Covenant, day: dt.date) -> bytes:
    """The scoreboard of ``covenant`` on ``day`` as a one-page A4 PDF."""
    context = {
        "covenant": covenant,
        "board": scoreboard(covenant, day),
        "attention": attention(covenant, day),
        "day": format_date(day),
        "demo_mark": example_mark(),
    }
    document = None
    for lines in SCOREBOARD_LINES:
        html = render_to_string("reports/pdf/scoreboard.html", {**context, "lines": f":{lines}"})
        document = HTML(string=html).render()
        if len(document.pages) == 1:
            break
    assert document is not None
    return bytes(document.write_pdf())
