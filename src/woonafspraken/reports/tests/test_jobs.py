"""Reports as jobs, in-process (no broker configured: the tasks run at once, as in `make run`).

The real broker and a worker killed mid-job: tests/trust/test_jobs_worker_killed.py.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.tasks import send_reminders
from woonafspraken.celery import app
from woonafspraken.reports import jobs
from woonafspraken.reports.constants import JobEventKind, JobState
from woonafspraken.reports.jobs import SupersededError, Tracker, claim, report_job_run
from woonafspraken.reports.models import ReportJob
from woonafspraken.reports.services import (
    content_key,
    data_version,
    report_job_request,
    report_jobs_request_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _request(covenant: Covenant, user: User, captured, fmt: str = "xlsx", kind: str = "monitor") -> ReportJob:
    with captured(execute=True):
        job = report_job_request(covenant=covenant, kind=kind, year=2025, fmt=fmt, user=user)
    job.refresh_from_db()
    return job


def _files(media: Path) -> list[Path]:
    return sorted(path for path in (media / "reports").rglob("*") if path.is_file())


def test_without_a_broker_the_tasks_run_in_process():
    assert app.conf.task_always_eager is True and app.conf.broker_url == "memory://"
    assert app.conf.task_acks_late is True and app.conf.task_reject_on_worker_lost is True
    assert "send-reminders-daily" in app.conf.beat_schedule


def test_a_requested_report_is_made_once(
    kampen: Covenant, reader: User, django_capture_on_commit_callbacks, media: Path
):
    job = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert job.state == JobState.DONE and job.attempts == 1 and job.requested_by == reader
    assert job.steps_total > 1 and job.steps_done == job.steps_total and job.percent == 100
    assert job.filename == "monitor-2025-kampen.xlsx"
    assert load_workbook(job.file.path).sheetnames[0] == "Samenvatting"
    assert [event.what for event in job.events.all()] == [
        JobEventKind.REQUESTED,
        JobEventKind.STARTED,
        JobEventKind.DONE,
    ]
    again = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert again.pk == job.pk and again.attempts == 1  # the same data, the same day: not made again
    assert _files(media) == [Path(job.file.path)]
    # Another format is another report.
    pdf = _request(kampen, reader, django_capture_on_commit_callbacks, fmt="pdf", kind="dashboard")
    assert pdf.pk != job.pk and pdf.filename == "dashboard-2025-kampen.pdf"


def test_a_change_to_the_data_makes_a_new_report(kampen: Covenant, coordinator: User):
    before = data_version()
    agreement = kampen.agreements.get(number="1.3.5")
    agreement.subject = agreement.subject + " (gewijzigd)"
    agreement.save()
    assert data_version() != before
    today = timezone.localdate()
    assert content_key(today, before) != content_key(today, data_version())


def test_who_may_ask_and_what(kampen: Covenant, reader: User, tenant_editor: User):
    outsider = User.objects.create_user(
        "buiten", organisation=Organisation.objects.create(name="Gemeente Elders", kind="gemeente")
    )
    with pytest.raises(PermissionDenied):
        report_job_request(covenant=kampen, kind="monitor", year=2025, fmt="pdf", user=outsider)
    with pytest.raises(ValidationError):
        report_job_request(covenant=kampen, kind="onzin", year=2025, fmt="pdf", user=reader)
    with pytest.raises(ValidationError, match="valt daarbuiten"):
        report_job_request(covenant=kampen, kind="monitor", year=2040, fmt="pdf", user=reader)
    with pytest.raises(ValidationError):
        report_job_request(covenant=kampen, kind="dashboard", year=2025, fmt="docx", user=reader)
    assert not ReportJob.objects.exists()
    job = report_job_request(covenant=kampen, kind="monitor", year=2025, fmt="pdf", user=tenant_editor)
    assert job.state == JobState.QUEUED  # the worker is handed it once the transaction commits


def test_a_failed_job_says_why_and_is_asked_for_again(
    kampen: Covenant, reader: User, django_capture_on_commit_callbacks, monkeypatch, media: Path
):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer stuk")

    monkeypatch.setattr(jobs, "render_report", broken)
    job = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert job.state == JobState.FAILED and "renderer stuk" in job.error and not job.file
    monkeypatch.undo()
    again = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert again.pk == job.pk and again.state == JobState.DONE and again.attempts == 2 and not again.error
    assert [event.what for event in again.events.all()][-3:] == [
        JobEventKind.REQUEUED,
        JobEventKind.STARTED,
        JobEventKind.DONE,
    ]
    assert len(_files(media)) == 1


def _stuck(covenant: Covenant, *, worker: str, lease: dt.timedelta) -> ReportJob:
    """A job a worker claimed and then left (killed) or still holds."""
    return ReportJob.objects.create(
        covenant=covenant,
        kind="dashboard",
        year=2025,
        format="pdf",
        content_key=content_key(timezone.localdate(), data_version()),
        state=JobState.RUNNING,
        attempts=1,
        worker=worker,
        steps_done=3,
        steps_total=20,
        lease_until=timezone.now() + lease,
    )


def test_a_job_of_a_dead_worker_is_taken_over_and_a_live_one_is_left_alone(kampen: Covenant):
    # A worker on this machine whose process is gone: taken over at once, lease or not.
    dead = _stuck(kampen, worker=f"{socket.gethostname()}:{2**22 + 17}", lease=dt.timedelta(minutes=5))
    assert report_job_run(dead.pk, worker="nieuw:1").outcome == "done"
    dead.refresh_from_db()
    assert dead.state == JobState.DONE and dead.attempts == 2 and dead.worker == "nieuw:1"
    assert JobEventKind.TAKEN_OVER in [event.what for event in dead.events.all()]
    assert report_job_run(dead.pk, worker="nog-een:2").outcome == "finished"  # delivered once more: nothing

    # A worker elsewhere, its lease still running: busy, asked again later; once the lease ran out: taken over.
    busy = ReportJob.objects.filter(pk=dead.pk)
    busy.update(
        state=JobState.RUNNING, worker="elders:1", lease_until=timezone.now() + dt.timedelta(minutes=1)
    )
    outcome = claim(dead.pk, "nieuw:1")
    assert outcome.outcome == "busy" and 0 < outcome.wait <= 60
    busy.update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert claim(dead.pk, "nieuw:1").outcome is None


def test_an_attempt_that_was_taken_over_stops(kampen: Covenant):
    job = _stuck(kampen, worker="oud:1", lease=dt.timedelta(seconds=-1))
    job.refresh_from_db()
    tracker = Tracker(job, 10)  # the old attempt (1) reports progress, then goes quiet
    ReportJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert claim(job.pk, "nieuw:2").outcome is None  # attempt 2 takes it over
    with pytest.raises(SupersededError):
        tracker.write()


def test_report_all_makes_every_covenant_once_and_resumes(
    kampen: Covenant, kampen_text: str, tmp_path: Path, media: Path, capsys
):
    from woonafspraken.documents.services import document_import

    other = document_import(text=kampen_text.replace("Kampen", "Voorbeeldstad"), filename="v.txt").covenant
    # A run that crashed left Voorbeeldstad's report running on a process that no longer exists.
    ReportJob.objects.create(
        covenant=other,
        kind="monitor",
        year=2025,
        format="xlsx",
        content_key="2000-01-01 -",
        state=JobState.RUNNING,
        attempts=1,
        worker=f"{socket.gethostname()}:{2**22 + 19}",
        lease_until=timezone.now() + dt.timedelta(minutes=5),
    )
    out = tmp_path / "uit"
    out.mkdir()
    call_command("report", "monitor", "--year", "2025", "--all", "--format", "xlsx", "--output-dir", str(out))
    assert sorted(path.name for path in out.iterdir()) == [
        "monitor-2025-kampen.xlsx",
        "monitor-2025-voorbeeldstad.xlsx",
    ]
    jobs_made = {job.covenant_id: job for job in ReportJob.objects.all()}
    assert set(jobs_made) == {kampen.pk, other.pk}
    assert all(job.state == JobState.DONE for job in jobs_made.values())
    assert jobs_made[other.pk].attempts == 2  # the crashed run's job, picked up again
    assert (
        _("%(done)s reports ready, %(failed)s failed.") % {"done": 2, "failed": 0} in capsys.readouterr().out
    )

    call_command("report", "monitor", "--year", "2025", "--all", "--format", "xlsx")
    assert {job.pk: job.attempts for job in ReportJob.objects.all()} == {
        job.pk: job.attempts for job in jobs_made.values()
    }
    assert len(_files(media)) == 2
    with pytest.raises(CommandError):
        call_command("report", "monitor", "--year", "2025", "--all", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError):
        call_command("report", "monitor", "--year", "2025")  # one covenant's report needs -o


def test_report_all_in_a_subset_skips_covenants_without_the_year(kampen: Covenant):
    requested = report_jobs_request_all(kind="monitor", year=2040, fmt="pdf")
    assert requested.jobs == [] and requested.outside == [kampen]


def test_the_job_pages(
    kampen: Covenant, reader: User, client: Client, media: Path, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    index = client.get(reverse("reports:index", args=[kampen.pk])).content.decode()
    assert reverse("reports:job_request", args=[kampen.pk, "monitor"]) in index
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:job_request", args=[kampen.pk, "monitor"]), {"jaar": 2025, "formaat": "xlsx"}
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:job", args=[kampen.pk, job.pk]
    )
    assert job.state == JobState.DONE  # no broker: made during the request
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    download = reverse("reports:job_download", args=[kampen.pk, job.pk])
    assert f'href="{download}"' in page
    file = client.get(download)
    assert file.status_code == 200 and 'filename="monitor-2025-kampen.xlsx"' in file["Content-Disposition"]
    assert b"".join(file.streaming_content).startswith(b"PK")
    assert (
        "Recently made reports" in index
        or job.get_kind_display() in client.get(reverse("reports:index", args=[kampen.pk])).content.decode()
    )


def test_a_report_whose_file_is_gone_says_so_and_is_made_again(
    kampen: Covenant, reader: User, client: Client, media: Path, django_capture_on_commit_callbacks
):
    job = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert job.state == JobState.DONE
    (media / job.file.name).unlink()
    client.force_login(reader)
    response = client.get(reverse("reports:job_download", args=[kampen.pk, job.pk]), follow=True)
    assert response.redirect_chain == [(reverse("reports:job", args=[kampen.pk, job.pk]), 302)]
    assert (
        _("The file of this report is no longer there; make the report again.") in response.content.decode()
    )
    again = _request(kampen, reader, django_capture_on_commit_callbacks)
    assert again.pk == job.pk and again.state == JobState.DONE and again.attempts == job.attempts + 1
    assert (media / again.file.name).is_file()


def test_the_job_page_follows_an_unfinished_job(kampen: Covenant, reader: User, client: Client):
    job = _stuck(kampen, worker="elders:1", lease=dt.timedelta(minutes=1))
    client.force_login(reader)
    url = reverse("reports:job", args=[kampen.pk, job.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="15"' in page
    part = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith('<div id="job-status"') and "<html" not in part
    assert client.get(reverse("reports:job_download", args=[kampen.pk, job.pk])).status_code == 404
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error="Fout X")
    part = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in part and 'hx-swap-oob="innerHTML"' in part and "Fout X" in part
    # Another covenant's job is not found under this covenant.
    assert client.get(reverse("reports:job", args=[kampen.pk + 999, job.pk])).status_code in (403, 404)


def test_the_job_pages_are_refused_to_non_parties(kampen: Covenant, client: Client):
    job = _stuck(kampen, worker="elders:1", lease=dt.timedelta(minutes=1))
    outsider = User.objects.create_user(
        "buiten2", organisation=Organisation.objects.create(name="Gemeente Nergens", kind="gemeente")
    )
    client.force_login(outsider)
    assert client.get(reverse("reports:job", args=[kampen.pk, job.pk])).status_code == 403
    assert client.get(reverse("reports:job_download", args=[kampen.pk, job.pk])).status_code == 403
    response = client.post(reverse("reports:job_request", args=[kampen.pk, "monitor"]), {"jaar": 2025})
    assert response.status_code == 403


def test_the_reminders_are_a_task(kampen: Covenant):
    result = send_reminders.delay(on="2026-06-01").get()
    assert set(result) == {"sent", "already_sent"}
    again = send_reminders.delay(on="2026-06-01").get()
    assert again["sent"] == 0 and again["already_sent"] == result["sent"] + result["already_sent"]


def test_the_worker_needs_a_broker():
    with pytest.raises(CommandError, match="WOONAFSPRAKEN_BROKER_URL"):
        call_command("worker")


def test_worker_name_is_this_process():
    assert jobs.worker_name() == f"{socket.gethostname()}:{os.getpid()}"
