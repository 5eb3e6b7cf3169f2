"""Pages of the annual plans app, one module per aggregate (as in ``meetings/views/``); ``urls.py`` imports
the views from this package."""

from woonafspraken.annual_plans.views.activities import (
    activity_add,
    activity_detail,
    activity_edit,
    activity_progress,
    backlog,
)
from woonafspraken.annual_plans.views.comments import activity_comment, agreement_comment
from woonafspraken.annual_plans.views.milestones import calendar, milestone_edit
from woonafspraken.annual_plans.views.plans import (
    plan_adopt,
    plan_close,
    plan_create,
    plan_detail,
    plan_index,
    plan_interval,
    plan_reopen,
)

__all__ = [
    "activity_add",
    "activity_comment",
    "activity_detail",
    "activity_edit",
    "activity_progress",
    "agreement_comment",
    "backlog",
    "calendar",
    "milestone_edit",
    "plan_adopt",
    "plan_close",
    "plan_create",
    "plan_detail",
    "plan_index",
    "plan_interval",
    "plan_reopen",
]
