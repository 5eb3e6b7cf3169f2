from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.meetings.models import (
    ActionItem,
    AdviceRequest,
    AgendaMailing,
    Concern,
    ConcernStep,
    Decision,
    Meeting,
    MeetingType,
    SharedDocument,
    Work,
)


class ConcernStepInline(admin.TabularInline[ConcernStep, Concern]):
    model = ConcernStep
    extra = 0


@admin.register(MeetingType)
class MeetingTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "covenant", "agreement", "min_per_year", "is_active", "edited"]
    list_filter = ["covenant", "is_active"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["meeting_type", "date", "status", "is_demo"]
    list_filter = ["covenant", "status", "is_demo"]
    date_hierarchy = "date"


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "meeting", "agreement"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["description", "owner", "due_date", "status", "agreement"]
    list_filter = ["status", "owner"]


@admin.register(AgendaMailing)
class AgendaMailingAdmin(admin.ModelAdmin[AgendaMailing]):
    list_display = ["meeting", "sent_at", "sent_by"]


@admin.register(Concern)
class ConcernAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "owner", "stage", "raised_on"]
    list_filter = ["stage", "kind"]
    inlines = [ConcernStepInline]


@admin.register(Work)
class WorkAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "kind", "wijk", "start_date", "end_date"]
    list_filter = ["kind", "owner"]


@admin.register(AdviceRequest)
class AdviceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "owner", "tenant_organisation", "due_date"]


@admin.register(SharedDocument)
class SharedDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "kind", "created_at"]
