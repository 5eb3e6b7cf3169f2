from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.housing.models import (
    LookAheadAssumption,
    Project,
    ProjectYear,
    ReferenceValue,
    StockCount,
    Target,
    Withdrawal,
)


@admin.register(ReferenceValue)
class ReferenceValueAdmin(SimpleHistoryAdmin):
    """National reference figures: unknown values are entered here, always with their source."""

    list_display = ["kind", "year", "value", "source"]
    list_filter = ["kind", "year"]
    search_fields = ["source", "note"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "value", "agreement", "covenant", "start_year", "end_year", "source"]
    list_filter = ["covenant", "kind"]
    raw_id_fields = ["agreement"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.source = "form"  # an edited target is no longer the document's: a re-import leaves it alone
        super().save_model(request, obj, form, change)


class ProjectYearInline(admin.TabularInline[ProjectYear, Project]):
    model = ProjectYear
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "segment", "status", "covenant", "is_demo"]
    list_filter = ["covenant", "organisation", "segment", "status"]
    search_fields = ["name"]
    inlines = [ProjectYearInline]


@admin.register(Withdrawal)
class WithdrawalAdmin(SimpleHistoryAdmin):
    list_display = ["corporation", "year", "kind", "planned", "realised", "covenant"]
    list_filter = ["covenant", "corporation", "kind", "year"]


@admin.register(StockCount)
class StockCountAdmin(SimpleHistoryAdmin):
    list_display = ["corporation", "date", "rent_class", "dwelling_type", "count", "source", "is_demo"]
    list_filter = ["covenant", "corporation", "date", "source"]


@admin.register(LookAheadAssumption)
class LookAheadAssumptionAdmin(SimpleHistoryAdmin):
    list_display = ["covenant", "year", "rent_increase", "limit_indexation"]
