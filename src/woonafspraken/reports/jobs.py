"""Making a report job: what a worker does with the job it is handed (docs/jobs.md).

A worker claims the job in one transaction (state ``running``, one more attempt, a lease), renders it,
moving its progress on and renewing the lease at every step, and stores the file at the job's one place
before it marks the job done, again under the row's lock. A second delivery of the same job finds it done
(nothing to do) or running under a live lease (``busy``: the task asks again later). A job whose worker
died (its lease ran out, or its process on this machine is gone) is taken over by the next delivery; the
earlier attempt, should it still be alive, notices at its next step and stops. So a job ends with exactly
one file, however often it was delivered.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.core.reporting import ReportKind
from woonafspraken.reports.constants import JobEventKind, JobState
from woonafspraken.reports.document import build_report, section_count
from woonafspraken.reports.formats import get_format
from woonafspraken.reports.formats import render as render_report
from woonafspraken.reports.models import ReportJob, ReportJobEvent, job_file_path

Outcome = Literal["done", "failed", "finished", "busy", "gone", "superseded"]
# Progress is written at most this often (and at the last step): a report has some hundred steps.
WRITE_EVERY = 0.5


def worker_name() -> str:
    """This process as a worker: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_seconds() -> int:
    return int(settings.REPORT_JOB_LEASE_SECONDS)


def _process_gone(worker: str) -> bool:
    """The worker named ``worker`` ran on this machine and its process no longer exists."""
    host, _colon, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def abandoned(job: ReportJob, now: dt.datetime | None = None) -> bool:
    """Nobody is making this unfinished job any more: its lease ran out, or its worker's process is gone."""
    now = now or timezone.now()
    if job.lease_until is None or job.lease_until <= now:
        return True
    return job.state == JobState.RUNNING and bool(job.worker) and _process_gone(job.worker)


def event(job: ReportJob, what: JobEventKind, detail: str = "") -> None:
    ReportJobEvent.objects.create(job=job, what=what, attempt=job.attempts, detail=detail[:300])


@dataclass(frozen=True)
class Claim:
    outcome: Outcome | None  # None: claimed, go ahead
    job: ReportJob | None = None
    wait: float = 0.0  # busy: seconds until the other attempt's lease runs out


def claim(job_id: int, worker: str) -> Claim:
    """Take the job for ``worker``: queued, or running but abandoned. Done, failed, busy or gone: say so."""
    now = timezone.now()
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return Claim("gone")
        if job.finished:
            return Claim("finished", job)
        taking_over = job.state == JobState.RUNNING
        if taking_over and job.worker != worker and not abandoned(job, now):
            assert job.lease_until is not None
            return Claim("busy", job, wait=(job.lease_until - now).total_seconds())
        previous = job.worker
        job.state = JobState.RUNNING
        job.attempts += 1
        job.worker = worker[:200]
        job.steps_done = 0
        job.started_at = job.started_at or now
        job.lease_until = now + dt.timedelta(seconds=lease_seconds())
        job.save(update_fields=["state", "attempts", "worker", "steps_done", "started_at", "lease_until"])
        if taking_over:
            event(job, JobEventKind.TAKEN_OVER, _("%(new)s after %(old)s") % {"new": worker, "old": previous})
        else:
            event(job, JobEventKind.STARTED, worker)
    return Claim(None, job)


class SupersededError(Exception):
    """Another attempt took the job over (this one's lease ran out): stop without writing anything."""


class Tracker:
    """The report builder's progress callback: moves the job's steps on and renews its lease."""

    def __init__(self, job: ReportJob, total: int) -> None:
        self.job_id = job.pk
        self.attempt = job.attempts
        self.done = 0
        self.total = total
        self._written = 0.0
        self.write()

    def __call__(self, _label: str = "") -> None:
        self.done += 1
        if time.monotonic() - self._written >= WRITE_EVERY or self.done >= self.total:
            self.write()

    def resize(self, total: int) -> None:
        self.total = total

    def write(self) -> None:
        self._written = time.monotonic()
        total = max(self.total, self.done)
        updated = ReportJob.objects.filter(
            pk=self.job_id, state=JobState.RUNNING, attempts=self.attempt
        ).update(
            steps_done=self.done,
            steps_total=total,
            lease_until=timezone.now() + dt.timedelta(seconds=lease_seconds()),
        )
        if not updated:
            raise SupersededError


def _finish(job: ReportJob, attempt: int, content: bytes, filename: str) -> bool:
    """Store the file at the job's one place and mark the job done; False if another attempt has it."""
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.state != JobState.RUNNING or locked.attempts != attempt:
            return False
        storage = locked.file.storage
        name = job_file_path(locked, filename)
        folder = name.rsplit("/", 1)[0]
        if storage.exists(folder):  # whatever an earlier attempt left here goes: one file per job
            for leftover in storage.listdir(folder)[1]:
                storage.delete(f"{folder}/{leftover}")
        locked.file.name = storage.save(name, ContentFile(content))
        locked.state = JobState.DONE
        locked.steps_done = locked.steps_total = max(locked.steps_total, locked.steps_done, 1)
        locked.finished_at = timezone.now()
        locked.lease_until = None
        locked.error = ""
        locked.save()
        event(locked, JobEventKind.DONE, locked.file.name)
    return True


def _fail(job: ReportJob, attempt: int, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        updated = ReportJob.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=attempt).update(
            state=JobState.FAILED, error=message, finished_at=timezone.now(), lease_until=None
        )
        if updated:
            job.refresh_from_db()
            event(job, JobEventKind.FAILED, message)


def report_job_run(job_id: int, *, worker: str | None = None) -> Claim:
    """Make the job's report if nobody else is making or has made it. The claim says what happened."""
    worker = worker or worker_name()
    claimed = claim(job_id, worker)
    if claimed.outcome is not None or claimed.job is None:
        return claimed
    job = claimed.job
    attempt = job.attempts
    kind: ReportKind = job.kind  # type: ignore[assignment]
    try:
        fmt = get_format(job.format, kind)
        sections = section_count(kind)
        tracker = Tracker(job, sections * 2 + 1)
        report = build_report(job.covenant, job.year, kind, progress=tracker, today=job_day(job))
        tracker.resize(sections + sum(1 for _node in report.nodes()) + 1)
        content = render_report(report, fmt.name, tracker)
        stored = _finish(job, attempt, content, f"{report.filename_stem}.{fmt.extension}")
    except SupersededError:
        return Claim("superseded", job)
    except Exception as error:  # noqa: BLE001  (any failure of a report is the job's, shown to its user)
        _fail(job, attempt, error)
        return Claim("failed", job)
    return Claim("done" if stored else "superseded", job)


def job_day(job: ReportJob) -> dt.date:
    """The day the report is made for (the first part of its content key): a job made after midnight
    still says the day it was asked for."""
    try:
        return dt.date.fromisoformat(job.content_key.split(" ", 1)[0])
    except ValueError:
        return timezone.localdate()
