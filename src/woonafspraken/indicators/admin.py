from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.indicators.models import Indicator, Observation, Target


class TargetInline(admin.TabularInline[Target, Indicator]):
    model = Target
    extra = 0
    fields = (
        "kind",
        "value",
        "upper",
        "period",
        "first_year",
        "last_year",
        "applies_to",
        "agreement",
        "source_kind",
        "source",
        "owner",
    )


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "covenant", "period", "direction", "source_kind"]
    list_filter = ["covenant", "source_kind", "period"]
    search_fields = ["code", "name"]
    filter_horizontal = ["delivered_by", "agreements"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "kind",
        "value",
        "upper",
        "first_year",
        "last_year",
        "agreement",
        "source_kind",
    ]
    list_filter = ["kind", "source_kind"]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "period",
        "organisation",
        "dimension",
        "value",
        "source",
        "entered_by",
        "is_demo",
    ]
    list_filter = ["is_demo", "indicator__covenant"]
    search_fields = ["indicator__code", "period", "source"]
