from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from woonafspraken.agreements.models import Covenant
    from woonafspraken.housing.models import ProjectYear, StockCount, Withdrawal  # noqa: F401


class StockCountQuerySet(models.QuerySet["StockCount"]):
    def for_covenant(self, covenant: Covenant, corporation_id: int | None = None) -> Self:
        result = self.filter(covenant=covenant)
        return result.filter(corporation_id=corporation_id) if corporation_id else result

    def demo(self) -> Self:
        return self.filter(is_demo=True)


class ProjectYearQuerySet(models.QuerySet["ProjectYear"]):
    def for_covenant(self, covenant: Covenant, organisation_id: int | None = None) -> Self:
        result = self.filter(project__covenant=covenant)
        return result.filter(project__organisation_id=organisation_id) if organisation_id else result


class WithdrawalQuerySet(models.QuerySet["Withdrawal"]):
    def for_covenant(self, covenant: Covenant, corporation_id: int | None = None) -> Self:
        result = self.filter(covenant=covenant)
        return result.filter(corporation_id=corporation_id) if corporation_id else result
