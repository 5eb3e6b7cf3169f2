from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.agreements.models import Agreement, AgreementVersion, Covenant, Theme


class AgreementVersionInline(admin.TabularInline[AgreementVersion, Agreement]):
    model = AgreementVersion
    extra = 0
    readonly_fields = ("version", "valid_from", "reason", "created_by", "created_at")
    fields = readonly_fields


@admin.register(Covenant)
class CovenantAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "start_date", "end_date", "is_demo"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "covenant"]
    list_filter = ["covenant"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "subject", "covenant", "version"]
    list_filter = ["covenant", "theme__number"]
    search_fields = ["number", "subject", "text"]
    inlines = [AgreementVersionInline]
