"""Asking for reports as jobs (docs/jobs.md): from the reports page (one, as a user) and from the console
(`report KIND --year Y --all`: every covenant's, as the operator).

A report of the same covenant, kind, year and format, for the same day and the same data version, is one
job: asking again returns it (done: its file; queued or running: its progress) instead of making another.
A failed job asked for again is queued again; an unfinished job whose worker went quiet is handed out again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_read_covenant, require
from woonafspraken.agreements.models import Covenant
from woonafspraken.reports.constants import UNFINISHED, JobEventKind, JobState, ReportKindChoice
from woonafspraken.reports.formats import get_format
from woonafspraken.reports.jobs import abandoned, event, lease_seconds
from woonafspraken.reports.models import ReportJob
from woonafspraken.reports.tasks import enqueue_report_job


def covenant_years(covenant: Covenant) -> range:
    """The years a covenant has reports for: its term and the year after (the last monitor)."""
    return range(covenant.start_date.year, covenant.end_date.year + 2)


def data_version() -> str:
    """The time of the latest recorded change to anything (django-simple-history), as text.

    A report reads many apps' data; the newest history record of any of them tells whether anything a
    report could show has changed since. One query over every history table (an index on each).
    """
    tables = [
        model._meta.db_table
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        and any(f.name == "history_date" for f in model._meta.fields)
    ]
    if not tables:
        return "-"
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(f"SELECT MAX(history_date) AS at FROM {quote(table)}" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(at) FROM ({union}) AS latest")  # noqa: S608  (table names, quoted)
        row = cursor.fetchone()
    latest = row[0] if row else None
    if latest is None:
        return "-"
    return latest.isoformat() if isinstance(latest, dt.datetime) else str(latest)


def content_key(on: dt.date, version: str) -> str:
    return f"{on.isoformat()} {version}"[:80]


def _validated(covenant: Covenant, kind: str, year: int, fmt: str) -> None:
    if kind not in ReportKindChoice.values:
        raise ValidationError(_("This report does not exist."), code="kind")
    if year not in covenant_years(covenant):
        raise ValidationError(
            _("The covenant runs from %(first)s up to and including %(last)s; %(year)s falls outside it.")
            % {
                "first": covenant.start_date.year,
                "last": covenant.end_date.year + 1,
                "year": year,
            },
            code="year",
        )
    try:
        get_format(fmt, kind)  # type: ignore[arg-type]
    except KeyError as error:
        raise ValidationError(str(error.args[0]), code="format") from error


@dataclass(frozen=True)
class Requested:
    job: ReportJob
    send: bool  # handed (again) to a worker, or made in-process without a broker


def _file_gone(job: ReportJob) -> bool:
    """A made report whose file is no longer in the media folder (removed, or not shared by a worker)."""
    return job.state == JobState.DONE and not (job.file and job.file.storage.exists(job.file.name))


def _job_for(covenant: Covenant, kind: str, year: int, fmt: str, key: str, user: User | None) -> Requested:
    """The one job for this report and content key (created, re-keyed, re-queued or as it is)."""
    now = timezone.now()
    lease = dt.timedelta(seconds=lease_seconds())
    with transaction.atomic():
        same = ReportJob.objects.select_for_update().filter(
            covenant=covenant, kind=kind, year=year, format=fmt
        )
        job = same.filter(content_key=key).first()
        if job is None:
            # An unfinished job of an earlier day or data version (a run that crashed) made no file yet:
            # it is picked up again, now for today's data.
            job = same.filter(state__in=UNFINISHED).order_by("-pk").first()
            if job is not None:
                job.content_key = key
                job.save(update_fields=["content_key"])
        if job is None:
            job = ReportJob.objects.create(
                covenant=covenant,
                kind=kind,
                year=year,
                format=fmt,
                content_key=key,
                requested_by=user,
                lease_until=now + lease,
            )
            event(job, JobEventKind.REQUESTED, user.username if user else "")
            return Requested(job, send=True)
        if job.state == JobState.FAILED or _file_gone(job):
            job.state = JobState.QUEUED
            job.error = ""
            job.steps_done = 0
            job.finished_at = None
            job.lease_until = now + lease
            job.requested_by = user or job.requested_by
            job.save()
            event(job, JobEventKind.REQUEUED, user.username if user else "")
            return Requested(job, send=True)
        if job.state in UNFINISHED and abandoned(job, now):
            # Queued but never taken (the broker lost it), or its worker went quiet: hand it out again.
            # A second message for a job that is still queued is harmless: the job is made once.
            if job.state == JobState.QUEUED:
                job.lease_until = now + lease
                job.save(update_fields=["lease_until"])
            event(job, JobEventKind.REQUEUED, user.username if user else "")
            return Requested(job, send=True)
        return Requested(job, send=False)


def report_job_request(*, covenant: Covenant, kind: str, year: int, fmt: str, user: User) -> ReportJob:
    """Ask for a report as a job; whoever may read the covenant may (as the report download)."""
    require(can_read_covenant(user, covenant))
    _validated(covenant, kind, year, fmt)
    requested = _job_for(covenant, kind, year, fmt, content_key(timezone.localdate(), data_version()), user)
    if requested.send:
        transaction.on_commit(partial(enqueue_report_job, requested.job.pk))
    return requested.job


@dataclass(frozen=True)
class AllRequested:
    jobs: list[ReportJob]
    sent: list[ReportJob]  # queued now (or made now, without a broker)
    outside: list[Covenant]  # covenants without this year


def report_jobs_request_all(
    *, kind: str, year: int, fmt: str, covenants: Iterable[Covenant] | None = None
) -> AllRequested:
    """The console's `report --all` (the operator's, no user check): every covenant's report as a job.

    Reports already made for today's data are not made again; unfinished ones of an earlier run are
    handed out again. Without a broker each is made here, one after the other, as it is asked for.
    """
    if kind not in ReportKindChoice.values:
        raise ValidationError(_("This report does not exist."), code="kind")
    key = content_key(timezone.localdate(), data_version())
    jobs: list[ReportJob] = []
    sent: list[ReportJob] = []
    outside: list[Covenant] = []
    for covenant in covenants if covenants is not None else Covenant.objects.order_by("pk"):
        if year not in covenant_years(covenant):
            outside.append(covenant)
            continue
        _validated(covenant, kind, year, fmt)
        requested = _job_for(covenant, kind, year, fmt, key, None)
        jobs.append(requested.job)
        if requested.send:
            sent.append(requested.job)
    return AllRequested(jobs=jobs, sent=sent, outside=outside)


def report_jobs_resend_abandoned(jobs: Iterable[ReportJob]) -> list[ReportJob]:
    """Of these jobs, hand out again the running ones nobody is making any more (the console waits on
    them). Queued ones wait their turn: the broker holds them (a new run hands out lost ones again)."""
    now = timezone.now()
    resent = []
    for job in jobs:
        if job.state == JobState.RUNNING and abandoned(job, now):
            ReportJob.objects.filter(pk=job.pk, state=job.state).update(
                lease_until=now + dt.timedelta(seconds=lease_seconds())
            )
            enqueue_report_job(job.pk)
            resent.append(job)
    return resent
