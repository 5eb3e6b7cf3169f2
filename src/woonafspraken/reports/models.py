"""A report made as a job (docs/jobs.md): asked for on the reports page or by `report --all`, made by a
worker (or in-process without a broker), kept as a file to download.

One job per (covenant, kind, year, format, content key): the content key is the day and the data version
(the time of the latest recorded change), so the same report of the same data is made once. A job that a
killed worker left running is taken over when its lease has run out; it still ends with one file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.reports.constants import JobEventKind, JobState, ReportKindChoice


def job_file_path(job: ReportJob, filename: str) -> str:
    """One folder per job, the file named as the report: a retried job overwrites, never adds, a file."""
    return f"reports/{job.pk}/{filename}"


class ReportJob(models.Model):
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(_("report"), max_length=16, choices=ReportKindChoice.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=8)
    # "2026-12-05 2026-12-04T13:05:00.123456+00:00": the day the report is for and the data version.
    content_key = models.CharField(_("content key"), max_length=80)
    state = models.CharField(_("state"), max_length=8, choices=JobState.choices, default=JobState.QUEUED)
    steps_done = models.PositiveIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveIntegerField(_("steps in all"), default=0)
    file = models.FileField(_("file"), upload_to=job_file_path, max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)  # "host:pid" of the last attempt
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "kind", "year", "format", "content_key"],
                name="one_report_job_per_content",
            ),
            models.CheckConstraint(
                condition=models.Q(steps_done__lte=models.F("steps_total")) | models.Q(steps_total=0),
                name="report_job_steps_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} ({self.format}) {self.covenant_id}: {self.state}"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(100, round(100 * self.steps_done / self.steps_total))

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class ReportJobEvent(models.Model):
    """The job's history: asked for, started (which attempt, on which worker), taken over, done, failed."""

    job = models.ForeignKey(ReportJob, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    what = models.CharField(_("what"), max_length=12, choices=JobEventKind.choices)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    detail = models.CharField(_("detail"), max_length=300, blank=True)  # the worker, or the error

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.what} {self.attempt} {self.detail}"
