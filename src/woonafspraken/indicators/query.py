from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Prefetch

if TYPE_CHECKING:
    from woonafspraken.indicators.models import Indicator, Observation  # noqa: F401  (string generics)


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def with_relations(self) -> Self:
        """Everything the pages and the export show, in a fixed number of queries.

        Agreements come without their (long) texts: the registry only shows their numbers and subjects.
        """
        agreement = self.model._meta.get_field("agreements").related_model
        target = self.model._meta.get_field("targets").related_model
        brief = ("id", "number", "subject", "order", "covenant_id", "theme_id")
        return self.select_related("theme", "covenant").prefetch_related(
            Prefetch("agreements", queryset=agreement._default_manager.only(*brief)),  # type: ignore[union-attr]
            "delivered_by",
            Prefetch(
                "targets",
                queryset=target._default_manager.select_related("agreement").defer(  # type: ignore[union-attr]
                    "agreement__text",
                    "agreement__parties_raw",
                    "agreement__leads_raw",
                    "agreement__due_moments",
                ),
            ),
        )


class ObservationQuerySet(models.QuerySet["Observation"]):
    def for_covenant(self, covenant_id: int) -> Self:
        return self.filter(indicator__covenant_id=covenant_id)

    def demo(self) -> Self:
        return self.filter(is_demo=True)
