from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import OwnedModel, TimeStampedModel
from woonafspraken.meetings.constants import ConcernKind, ConcernStage, StepLevel
from woonafspraken.meetings.query import ConcernQuerySet


class Concern(OwnedModel):
    """A knelpunt, a proposal to change an agreement (5.8) or a dispute (5.9). ``owner`` raised it."""

    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="concerns")
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ConcernKind.choices, default=ConcernKind.BOTTLENECK
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    raised_on = models.DateField(_("raised on"))
    stage = models.CharField(
        _("stage"), max_length=20, choices=ConcernStage.choices, default=ConcernStage.RAISED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    stage__in=[ConcernStage.RESOLVED, ConcernStage.WITHDRAWN], closed_on__isnull=False
                )
                | (~Q(stage__in=[ConcernStage.RESOLVED, ConcernStage.WITHDRAWN]) & Q(closed_on__isnull=True)),
                name="concern_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ConcernStep(TimeStampedModel):
    """One discussion of a concern: ambtelijk first, then bestuurlijk (afspraak 5.9), with its outcome."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    level = models.CharField(_("level"), max_length=20, choices=StepLevel.choices)
    date = models.DateField(_("date"))
    outcome = models.TextField(_("outcome"))
    resolved = models.BooleanField(_("resolved"), default=False)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="concern_steps"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["concern", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {format_date(self.date)}"


class Comment(TimeStampedModel):
    """A remark of a party on a concern or on the agenda and minutes of a meeting."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(concern__isnull=False, meeting__isnull=True)
                | Q(concern__isnull=True, meeting__isnull=False),
                name="comment_on_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
