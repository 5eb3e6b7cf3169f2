from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from woonafspraken.indicators.models import Indicator, Observation  # noqa: F401  (string generics)


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def with_relations(self) -> Self:
        """Everything the pages and the export show, in a fixed number of queries."""
        return self.select_related("theme", "covenant").prefetch_related(
            "agreements", "delivered_by", "targets__agreement"
        )


class ObservationQuerySet(models.QuerySet["Observation"]):
    def for_covenant(self, covenant_id: int) -> Self:
        return self.filter(indicator__covenant_id=covenant_id)

    def demo(self) -> Self:
        return self.filter(is_demo=True)
