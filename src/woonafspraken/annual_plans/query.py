from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from woonafspraken.annual_plans.constants import OPEN_STATUSES, ActivityKind, PlanState

if TYPE_CHECKING:
    from woonafspraken.annual_plans.models import Activity, AnnualPlan  # noqa: F401  (string generics)


class AnnualPlanQuerySet(models.QuerySet["AnnualPlan"]):
    def not_closed(self) -> Self:
        return self.exclude(state=PlanState.CLOSED)


class ActivityQuerySet(models.QuerySet["Activity"]):
    def with_relations(self) -> Self:
        return self.select_related(
            "plan", "agreement", "agreement__theme", "agreement__section"
        ).prefetch_related("owners")

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def in_year(self, year: int) -> Self:
        return self.filter(plan__year=year)

    def needs_update(self, *, on: dt.date) -> Self:
        """Open activities of plans that are not closed, whose last update is older than the plan's period.

        Activities that were never updated count from the day their plan was adopted (or created). A
        yearly decision (2.1.1) has no progress to report: it is taken or not, so it is not listed.
        """
        stale = Q()
        # The period differs per plan; compare per distinct period (a handful of values at most).
        intervals = set(self.values_list("plan__update_interval_days", flat=True).distinct())
        for days in intervals:
            limit = on - dt.timedelta(days=days)
            stale |= Q(plan__update_interval_days=days) & (
                Q(last_progress_on__lt=limit)
                | Q(last_progress_on__isnull=True, plan__adopted_on__lt=limit)
                | Q(last_progress_on__isnull=True, plan__adopted_on__isnull=True, created_at__date__lt=limit)
            )
        if not intervals:
            return self.none()
        return (
            self.open()
            .filter(kind=ActivityKind.ACTIVITY)
            .filter(plan__state__in=[PlanState.CONCEPT, PlanState.ADOPTED], plan__year__lte=on.year)
            .filter(stale)
        )
