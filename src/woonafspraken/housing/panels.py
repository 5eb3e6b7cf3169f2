"""How the housing app plugs into shared places: the import hook, the covenant home panel, navigation,
the computed new-build series for the indicators and the agenda source for meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
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
from woonafspraken.housing.selectors import new_build_figures, target_views
from woonafspraken.housing.services import appendix_figures_read


def read_appendices(covenant: Covenant, user: Any) -> list[str]:
    return appendix_figures_read(covenant=covenant, user=user)


def panel_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    figures = new_build_figures(covenant)
    targets = target_views(covenant, today=timezone.localdate(), figures=figures)
    if not targets and not any(year.planned for year in figures.social):
        return None
    return {"covenant": covenant, "targets": targets, "any_demo": figures.any_demo}


def social_new_build(covenant: Covenant) -> list[ComputedPoint]:
    """Planned and realised new social rental homes per year, in total and per corporation."""
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
                    ComputedPoint(str(year.year), start, float(year.realised), "realised", dimension)
                )
    return points


def behind_schedule(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    """Targets whose plan or realisation is behind (or needs attention) as of ``until``."""
    url = reverse("housing:overview", args=[covenant.pk]) + "#doelen"
    points = []
    for view in target_views(covenant, today=until):
        for line in view.lines:
            if line.verdict in ("behind", "attention"):
                detail = _("Behind schedule.") if line.verdict == "behind" else _("Needs attention.")
                points.append(AgendaPoint(title=line.text, detail=detail, url=url, agreement=line.agreement))
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
