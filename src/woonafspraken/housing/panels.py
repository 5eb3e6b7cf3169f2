"""How the housing app plugs into shared places: the import hook, the covenant home panel, navigation,
the evidence for the agreements' verdicts, the computed new-build series for the indicators and the
agenda source for meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import (
    AgendaPoint,
    AgendaSource,
    ComputedPoint,
    ComputedSeries,
    ImportHook,
    NavItem,
    Panel,
    register_agenda_source,
    register_computed_series,
    register_import_hook,
    register_nav,
    register_panel,
)
from woonafspraken.core.verdicts import EvidenceSource, Outcome, register_evidence_source
from woonafspraken.housing.selectors import housing_agreements, housing_evidence, new_build_figures
from woonafspraken.housing.services import appendix_figures_read


def read_appendices(covenant: Covenant, user: Any) -> list[str]:
    return appendix_figures_read(covenant=covenant, user=user)


def panel_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    agreements = housing_agreements(covenant, timezone.localdate())
    if not agreements:
        return None
    return {
        "covenant": covenant,
        "agreements": agreements,
        "any_demo": any(item.is_demo for agreement in agreements for item in agreement.items),
    }


def social_new_build(covenant: Covenant) -> list[ComputedPoint]:
    """New social rental homes per year, in total and per corporation: the plan as series "planned", and
    "realised" only for years whose realised figures are known (a year without them has no realised
    point, never a zero; a plan is never given as "realised")."""
    figures = new_build_figures(covenant)
    if not figures.social_by_corporation:
        return []  # no pipeline of the corporations recorded
    series = [("", figures.social), *figures.social_by_corporation.items()]
    points: list[ComputedPoint] = []
    for dimension, years in series:
        for year in years:
            start = dt.date(year.year, 1, 1)
            points.append(ComputedPoint(str(year.year), start, float(year.planned), "planned", dimension))
            if year.realised is not None:
                points.append(
                    ComputedPoint(
                        str(year.year),
                        start,
                        float(year.realised),
                        "realised",
                        dimension,
                        is_demo=year.is_demo,
                    )
                )
    return points


def behind_schedule(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    """Housing targets whose realisation is behind (or needs attention) as of ``until``."""
    points = []
    for item in housing_evidence(covenant, until):
        if item.outcome in (Outcome.BEHIND, Outcome.ATTENTION):
            detail = _("Behind schedule.") if item.outcome is Outcome.BEHIND else _("Needs attention.")
            points.append(
                AgendaPoint(
                    title=f"{item.agreement}: {item.text}",
                    detail=detail,
                    url=item.url,
                    agreement=item.agreement,
                )
            )
    return points


register_import_hook(ImportHook(name="housing", order=10, run=read_appendices))
register_computed_series(
    ComputedSeries(
        key="housing.social_new_build",
        label=gettext_lazy("New social rented homes"),
        unit="woningen",
        compute=social_new_build,
    )
)
register_evidence_source(EvidenceSource(name="housing", order=30, collect=housing_evidence))
register_panel(Panel(name="housing", template="housing/_panel.html", order=20, context=panel_context))
register_nav(NavItem(label=cast(str, gettext_lazy("Housing")), url_name="housing:overview", order=20))
register_agenda_source(
    AgendaSource(
        name="housing",
        heading=gettext_lazy("Housing construction behind schedule"),
        order=20,
        collect=behind_schedule,
    )
)
