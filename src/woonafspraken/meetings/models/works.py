from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import OwnedModel
from woonafspraken.meetings.constants import WorkKind


class Work(OwnedModel):
    """Planned works of one party (afspraak 5.3): a corporation's renovation or heat pumps, the
    gemeente's public space or sewers, with place and period. ``owner`` carries it out."""

    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="works")
    kind = models.CharField(_("kind of work"), max_length=20, choices=WorkKind.choices)
    title = models.CharField(_("title"), max_length=200)
    wijk = models.CharField(_("neighbourhood"), max_length=100)
    streets = models.JSONField(_("streets"), default=list, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(start_date__lte=F("end_date")), name="work_start_before_end"),
        ]

    def __str__(self) -> str:
        return self.title
