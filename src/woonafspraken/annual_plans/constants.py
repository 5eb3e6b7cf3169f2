from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    CONCEPT = "concept", _("draft")
    ADOPTED = "vastgesteld", _("adopted")
    CLOSED = "afgesloten", _("closed")


class ActivityStatus(models.TextChoices):
    PLANNED = "gepland", _("planned")
    RUNNING = "loopt", _("in progress")
    DONE = "gereed", _("done")
    DELAYED = "vertraagd", _("delayed")
    CANCELLED = "vervallen", _("cancelled")


class ActivityKind(models.TextChoices):
    ACTIVITY = "activiteit", _("activity")
    # A decision the parties take every year, such as 2.1.1's on the huursom: "taken" instead of "done".
    DECISION = "besluit", _("yearly decision")


# Statuses that still need work: these are carried over to next year's jaarschijf and get reminders.
OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.RUNNING, ActivityStatus.DELAYED)


class MilestoneKind(models.TextChoices):
    BID = "bod", _("corporations' bid (activity overview)")
    AGREEMENTS = "afspraken", _("performance agreements and jaarschijf")
    ACCOUNT = "verantwoording", _("account of the past year")
    OTHER = "overig", _("other")


# Defaults of the Woningwet calendar around jaarschijf Y (month, day, year offset). Editable per covenant.
WONINGWET_DEFAULTS: dict[str, tuple[int, int, int]] = {
    MilestoneKind.BID: (7, 1, -1),  # bid for Y by 1 July of Y-1
    MilestoneKind.AGREEMENTS: (12, 15, -1),  # agreements and jaarschijf Y by 15 December of Y-1
    MilestoneKind.ACCOUNT: (5, 1, 1),  # account of year Y in the spring of Y+1
}

DEFAULT_UPDATE_INTERVAL_DAYS = 90
DEFAULT_REMIND_DAYS_BEFORE = 21
