from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.db import models

from woonafspraken.meetings.constants import (
    OPEN_ACTION_STATUSES,
    OPEN_CONCERN_STAGES,
    ConcernStage,
    MeetingStatus,
)

if TYPE_CHECKING:
    from woonafspraken.meetings.models import ActionItem, Concern, Meeting  # noqa: F401  (string generics)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def held(self) -> Self:
        return self.filter(status=MeetingStatus.HELD)

    def planned(self) -> Self:
        return self.filter(status=MeetingStatus.PLANNED)

    def not_cancelled(self) -> Self:
        return self.exclude(status=MeetingStatus.CANCELLED)

    def in_years(self, first: int, last: int) -> Self:
        return self.filter(date__gte=dt.date(first, 1, 1), date__lte=dt.date(last, 12, 31))


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_ACTION_STATUSES)


class ConcernQuerySet(models.QuerySet["Concern"]):
    def open(self) -> Self:
        return self.filter(stage__in=OPEN_CONCERN_STAGES)

    def open_on(self, day: dt.date) -> Self:
        """Open at the end of ``day``: raised on or before it and not closed by then."""
        return self.filter(raised_on__lte=day).filter(
            models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day)
        )

    def escalated(self) -> Self:
        return self.filter(stage=ConcernStage.STEERING)
