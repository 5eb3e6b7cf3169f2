from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Upload limits for shared documents (afspraak 5.5).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "png", "jpg", "jpeg")

# The agenda proposal mentions the covenant's end date when it is this near (or past).
COVENANT_END_NOTICE_DAYS = 365

# Works of different parties "meet in time" when their periods overlap or lie at most this far apart.
COUPLING_MAX_GAP_DAYS = 183


class Window(models.TextChoices):
    """Periods in which a meeting must be held; the months are in meetings/cadence.py."""

    WINTER = "winter", _("winter (January–February)")
    SPRING = "spring", _("spring (March–June)")
    SUMMER = "summer", _("summer (July–August)")
    AUTUMN = "autumn", _("autumn (September–December)")
    Q1 = "q1", _("first quarter")
    Q2 = "q2", _("second quarter")
    Q3 = "q3", _("third quarter")
    Q4 = "q4", _("fourth quarter")
    H1 = "h1", _("first half year")
    H2 = "h2", _("second half year")
    M1 = "m1", _("January")
    M2 = "m2", _("February")
    M3 = "m3", _("March")
    M4 = "m4", _("April")
    M5 = "m5", _("May")
    M6 = "m6", _("June")
    M7 = "m7", _("July")
    M8 = "m8", _("August")
    M9 = "m9", _("September")
    M10 = "m10", _("October")
    M11 = "m11", _("November")
    M12 = "m12", _("December")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    # A meeting is "afgelast"; the other apps' "cancelled" (an activity, an action) is "vervallen".
    CANCELLED = "cancelled", pgettext_lazy("meetings", "cancelled")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ConcernKind(models.TextChoices):
    BOTTLENECK = "knelpunt", _("bottleneck in carrying out the agreements")
    PROPOSAL = "voorstel", _("proposal to change an agreement that works out unreasonably (5.8)")
    DISPUTE = "geschil", _("dispute (5.9)")


class ConcernStage(models.TextChoices):
    RAISED = "raised", _("raised")
    OFFICIAL = "official", _("in official consultation")
    STEERING = "steering", _("to the steering meeting")
    RESOLVED = "resolved", _("resolved")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_CONCERN_STAGES = (ConcernStage.RAISED, ConcernStage.OFFICIAL, ConcernStage.STEERING)


class StepLevel(models.TextChoices):
    OFFICIAL = "official", _("official consultation (ambtelijk)")
    STEERING = "steering", _("steering meeting (bestuurlijk)")


class WorkKind(models.TextChoices):
    RENOVATION = "renovation", _("large-scale renovation")
    MAINTENANCE = "maintenance", _("major maintenance")
    SUSTAINABILITY = "sustainability", _("sustainability measures")
    HEAT_PUMPS = "heat_pumps", _("ground-source heat pumps")
    PUBLIC_SPACE = "public_space", _("public space")
    SEWER = "sewer", _("sewers")


CORPORATION_WORK_KINDS = (
    WorkKind.RENOVATION,
    WorkKind.MAINTENANCE,
    WorkKind.SUSTAINABILITY,
    WorkKind.HEAT_PUMPS,
)
MUNICIPALITY_WORK_KINDS = (WorkKind.PUBLIC_SPACE, WorkKind.SEWER)


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("policy document")
    RESEARCH = "research", _("research")
    MINUTES = "minutes", _("minutes or meeting attachment")
    OTHER = "other", _("other")


class AdviceInitiative(models.TextChoices):
    # WOHV: the landlord (or the gemeente) asks for advice, or the tenant organisation advises unasked.
    REQUESTED = "requested", _("requested")
    OWN = "own", _("on own initiative")


# The usual term for advice under the Woningwet and WOHV: six weeks from the request.
ADVICE_TERM_DAYS = 42


class AgendaOutcome(models.TextChoices):
    """What an agenda item asks of the meeting."""

    DECISION = "besluit", pgettext_lazy("agenda item outcome", "decision")
    DISCUSSION = "bespreken", pgettext_lazy("agenda item outcome", "discussion")
    INFORMATION = "ter informatie", pgettext_lazy("agenda item outcome", "for information")
