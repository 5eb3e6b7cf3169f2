from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from woonafspraken.accounts.models import Organisation
from woonafspraken.core.formatting import format_date, format_datetime
from woonafspraken.core.models import OwnedModel
from woonafspraken.meetings.constants import ActionStatus, AgendaOutcome, MeetingStatus
from woonafspraken.meetings.query import ActionItemQuerySet, MeetingQuerySet


class MeetingType(OwnedModel):
    """A kind of meeting an agreement asks for (kerngroep, bestuurlijk overleg, wijkoverleg Brunnepe...),
    with how often it must be held. Seeded from the document; the coordinator edits it afterwards."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="meeting_types"
    )
    key = models.CharField(_("key"), max_length=100, help_text=_("Stable name used by the document import."))
    name = models.CharField(_("name"), max_length=200)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_types",
        help_text=_("The agreement that asks for this meeting."),
    )
    participants: models.ManyToManyField[Organisation, models.Model] = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("participants"), blank=True
    )
    min_per_year = models.PositiveSmallIntegerField(_("at least this many a year"), default=0)
    windows = models.JSONField(_("periods"), default=list, blank=True)
    standing_items = models.JSONField(_("standing agenda items"), default=list, blank=True)
    wijk = models.CharField(_("neighbourhood"), max_length=100, blank=True)
    is_steering = models.BooleanField(
        _("steering meeting"),
        default=False,
        help_text=_("Escalated bottlenecks and disputes go on the agenda of this meeting (afspraak 5.9)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    from_document = models.BooleanField(_("read from the document"), default=False)
    edited = models.BooleanField(
        _("edited by the coordinator"),
        default=False,
        help_text=_("A new import leaves an edited type alone."),
    )
    source_text = models.TextField(_("sentence in the agreement"), blank=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        verbose_name = _("meeting type")
        verbose_name_plural = _("meeting types")
        ordering = ["covenant", "name"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "key"], name="meeting_type_unique_key"),
            models.CheckConstraint(condition=Q(min_per_year__lte=52), name="meeting_type_at_most_weekly"),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(OwnedModel):
    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="meetings")
    meeting_type = models.ForeignKey(
        MeetingType, verbose_name=_("meeting type"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    attendees: models.ManyToManyField[Organisation, models.Model] = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("attending organisations"), blank=True
    )
    attendee_names = models.TextField(_("attendees"), blank=True, help_text=_("Names, one per line."))
    # The agenda as free Markdown text, from before the agenda items (shown as "Vrije tekst" when present).
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["covenant", "date"]),
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(fields=["covenant"], condition=Q(is_demo=True), name="meeting_demo"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_type.name} {format_date(self.date)}"


class AgendaItem(OwnedModel):
    """One point of a meeting's agenda, in its place, optionally on an agreement and with a link to the
    jaarschijf, one of its activities or a knelpunt.

    ``key`` names what a template suggested ("jaarschijf:2027", "knelpunt:12"), so suggesting the agenda
    again adds nothing twice; an item added by hand has none.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(pgettext_lazy("agenda item", "position"))
    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    annual_plan = models.ForeignKey(
        "annual_plans.AnnualPlan",
        verbose_name=_("jaarschijf"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    activity = models.ForeignKey(
        "annual_plans.Activity",
        verbose_name=_("jaarschijf activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    concern = models.ForeignKey(
        "meetings.Concern",
        verbose_name=_("bottleneck"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(
        _("expected outcome"), max_length=20, choices=AgendaOutcome.choices, default=AgendaOutcome.DISCUSSION
    )
    key = models.CharField(_("template key"), max_length=100, blank=True, editable=False)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "key"], condition=~Q(key=""), name="agenda_item_suggested_once"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="agenda_item_position_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AgendaMailing(models.Model):
    """A record that the agenda of a meeting was sent, to whom and with what text."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mailings")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=300)
    agenda = models.TextField(_("agenda"))
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("agenda sent")
        verbose_name_plural = _("agendas sent")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.meeting} ({format_datetime(timezone.localtime(self.sent_at))})"


class Decision(OwnedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    activity = models.ForeignKey(
        "annual_plans.Activity",
        verbose_name=_("jaarschijf activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(OwnedModel):
    """Something a party has to do after a meeting. ``owner`` is the responsible organisation."""

    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    activity = models.ForeignKey(
        "annual_plans.Activity",
        verbose_name=_("jaarschijf activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    description = models.TextField(_("action"))
    assignee = models.CharField(_("person"), max_length=200, blank=True)
    due_date = models.DateField(pgettext_lazy("meetings", "due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["status", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(done_on__isnull=False), name="action_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
