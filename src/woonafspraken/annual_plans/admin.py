from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, Milestone, ProgressUpdate


@admin.register(AnnualPlan)
class AnnualPlanAdmin(SimpleHistoryAdmin):
    list_display = ["covenant", "year", "state", "adopted_on", "is_demo"]
    list_filter = ["state", "is_demo"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "plan", "status", "progress_percent", "is_demo"]
    list_filter = ["status", "plan__year", "is_demo"]
    search_fields = ["title", "agreement__number"]
    raw_id_fields = ["agreement", "carried_from", "plan"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "date", "status", "author_name"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "organisation", "created_at"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "covenant", "year", "due_date", "done_on"]
