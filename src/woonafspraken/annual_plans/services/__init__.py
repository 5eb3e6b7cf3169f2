"""Writes of the yearly cycle: jaarschijf states, activities, progress, comments and the calendar.

Every function checks permissions itself (the console and the web obey the same rules), validates,
writes inside one transaction and attributes the change for the history.

One module per aggregate: ``plans`` (create with carry-over, adopt, close, reopen, the update interval),
``activities`` (add, change, carry over), ``progress`` (progress updates), ``comments`` and
``milestones`` (the Woningwet calendar). ``decisions`` (the yearly decision of 2.1.1) is called by
``annual_plan_create`` only, under its permission check, and is not exported. Import the services from here:
``from woonafspraken.annual_plans.services import annual_plan_create``.
"""

from woonafspraken.annual_plans.services._common import MANAGE_ONLY
from woonafspraken.annual_plans.services.activities import ACTIVITY_FIELDS, activity_create, activity_update
from woonafspraken.annual_plans.services.comments import comment_add
from woonafspraken.annual_plans.services.milestones import (
    MILESTONE_FIELDS,
    milestone_create,
    milestone_update,
    milestones_ensure,
)
from woonafspraken.annual_plans.services.plans import (
    INTERVAL_FIELDS,
    annual_plan_adopt,
    annual_plan_close,
    annual_plan_create,
    annual_plan_reopen,
    annual_plan_set_interval,
)
from woonafspraken.annual_plans.services.progress import PROGRESS_FIELDS, progress_record

__all__ = [
    "ACTIVITY_FIELDS",
    "INTERVAL_FIELDS",
    "MANAGE_ONLY",
    "MILESTONE_FIELDS",
    "PROGRESS_FIELDS",
    "activity_create",
    "activity_update",
    "annual_plan_adopt",
    "annual_plan_close",
    "annual_plan_create",
    "annual_plan_reopen",
    "annual_plan_set_interval",
    "comment_add",
    "milestone_create",
    "milestone_update",
    "milestones_ensure",
    "progress_record",
]
