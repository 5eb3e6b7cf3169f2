"""The jaarschijf (annual plan), its activities, progress, comments and the Woningwet calendar."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.annual_plans.constants import (
    DEFAULT_REMIND_DAYS_BEFORE,
    DEFAULT_UPDATE_INTERVAL_DAYS,
    ActivityKind,
    ActivityStatus,
    MilestoneKind,
    PlanState,
)
from woonafspraken.annual_plans.query import ActivityQuerySet, AnnualPlanQuerySet
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import OwnedModel


class AnnualPlan(OwnedModel):
    """The jaarschijf of one year: concrete activities per agreement (afspraak 5.4)."""

    covenant = models.ForeignKey(
        "agreements.Covenant",
        on_delete=models.CASCADE,
        related_name="annual_plans",
        verbose_name=_("covenant"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    state = models.CharField(_("state"), max_length=16, choices=PlanState.choices, default=PlanState.CONCEPT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_meeting = models.CharField(
        _("adopted in meeting"),
        max_length=300,
        blank=True,
        help_text=_("For example: bestuurlijk overleg najaar, 24 november 2026."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    update_interval_days = models.PositiveSmallIntegerField(
        _("update at least every (days)"),
        default=DEFAULT_UPDATE_INTERVAL_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_("Owners who have not recorded progress for this long get a reminder."),
    )
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("jaarschijf")
        verbose_name_plural = _("jaarschijven")
        ordering = ["covenant", "year"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "year"], name="annual_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(state=PlanState.CONCEPT) | Q(adopted_on__isnull=False),
                name="annual_plan_adopted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=PlanState.CLOSED) | Q(closed_on__isnull=False),
                name="annual_plan_closed_has_date",
            ),
        ]
        indexes = [
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(fields=["covenant"], condition=Q(is_demo=True), name="annual_plan_demo"),
        ]

    def __str__(self) -> str:
        return f"Jaarschijf {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.state == PlanState.CLOSED


class PlanReopening(models.Model):
    """A closed jaarschijf opened again for a correction, with the reason (the year is read-only otherwise)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField(_("reason"))
    reopened_at = models.DateTimeField(_("reopened at"), auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")
        ordering = ["plan", "-reopened_at"]

    def __str__(self) -> str:
        return f"{self.plan} heropend {format_date(timezone.localtime(self.reopened_at).date())}"


def progress_error(status: str, percent: int | None) -> ValidationError | None:
    """Done and 100% are one fact: done is only accepted at 100%, and 100% means done.

    ``percent`` None: no percentage given (a progress update that only changes the status).
    """
    if status == ActivityStatus.DONE and percent is not None and percent != 100:
        return ValidationError(
            _("Done means 100%: fill in 100 or choose another status."), code="done_below_100"
        )
    if status != ActivityStatus.DONE and percent == 100:
        return ValidationError(
            _("100% means done: choose the status done or fill in a lower percentage."), code="full_not_done"
        )
    return None


class Activity(OwnedModel):
    """A concrete activity of a jaarschijf, under one agreement. ``owner`` is the first responsible party."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="activities")
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ActivityKind.choices, default=ActivityKind.ACTIVITY
    )
    description = models.TextField(_("description"), blank=True)
    owners = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("owner organisations")
    )
    planned_quarter = models.PositiveSmallIntegerField(
        _("planned quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    target_quantity = models.DecimalField(
        _("target quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(
        _("unit"), max_length=100, blank=True, help_text=_("For example: woningen.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    achieved_quantity = models.DecimalField(
        _("achieved quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    last_progress_on = models.DateField(_("last progress update"), null=True, blank=True)
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("carried over from"),
    )
    order = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords(m2m_fields=[owners])

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan", "agreement__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="activity_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(planned_quarter__isnull=True) | Q(planned_quarter__gte=1, planned_quarter__lte=4),
                name="activity_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if error := progress_error(self.status, self.progress_percent):
            raise ValidationError({"progress_percent": error})

    @property
    def is_decision(self) -> bool:
        return self.kind == ActivityKind.DECISION

    @property
    def planned_by(self) -> dt.date:
        """When it should be done: the planned date, else the end of the planned quarter, else year end."""
        if self.planned_date:
            return self.planned_date
        if self.planned_quarter:
            month = self.planned_quarter * 3
            next_month = dt.date(self.plan.year + (month == 12), month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(self.plan.year, 12, 31)

    @property
    def timing_label(self) -> str:
        if self.planned_date:
            return format_date(self.planned_date)
        if self.planned_quarter:
            return f"K{self.planned_quarter} {self.plan.year}"
        return str(self.plan.year)


class ProgressUpdate(models.Model):
    """One progress report on an activity; the list of updates is the activity's history."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    text = models.TextField(_("what happened"))
    quantity = models.DecimalField(
        _("number achieved"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["activity", "-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__lte=100),
                name="progress_update_percent_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {format_date(self.date)}"

    def clean(self) -> None:
        super().clean()
        if error := progress_error(self.status, self.progress_percent):
            raise ValidationError({"progress_percent": error})


class Comment(models.Model):
    """A comment or advice of a party (mostly the tenant organisations) on an agreement or an activity."""

    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.CASCADE, related_name="comments")
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="comments", null=True, blank=True
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["agreement", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"


class Milestone(models.Model):
    """A dated moment of the Woningwet cycle around a jaarschijf (bid, agreements, account), editable."""

    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("jaarschijf year"))
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"))
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before"), default=DEFAULT_REMIND_DAYS_BEFORE, validators=[MaxValueValidator(180)]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["covenant", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "year", "kind"],
                condition=~Q(kind=MilestoneKind.OTHER),
                name="milestone_one_per_kind_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({format_date(self.due_date)})"


class ReminderLog(models.Model):
    """Which reminder went to whom on which day: sending twice on one day does nothing the second time."""

    day = models.DateField()
    recipient = models.EmailField()
    kind = models.CharField(max_length=32)  # "activities" or "milestone"
    key = models.CharField(max_length=100)  # covenant id, or milestone id
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "recipient", "kind", "key"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient} ({self.day})"
