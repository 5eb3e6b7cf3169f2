from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKindChoice(models.TextChoices):
    MONITOR = "monitor", _("monitor")
    JAARSCHIJF = "jaarschijf", _("jaarschijf document")
    DASHBOARD = "dashboard", _("dashboard")


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


# A job in one of these states still has to be (or is being) made.
UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class JobEventKind(models.TextChoices):
    REQUESTED = "requested", _("requested")
    STARTED = "started", _("started")
    TAKEN_OVER = "taken_over", _("taken over from a worker that stopped")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")
    REQUEUED = "requeued", _("asked for again")
