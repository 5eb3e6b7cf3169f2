"""The reports' Celery task (docs/jobs.md). Without a broker ``delay`` runs it at once, in this process."""

from __future__ import annotations

from typing import Any

from woonafspraken.celery import app
from woonafspraken.reports.jobs import report_job_run, worker_name

# However often the job is found busy under another worker's live lease, ask again (until it is done).
RETRY_AT_MOST = 1000


@app.task(  # type: ignore[untyped-decorator]
    name="reports.run_job",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=RETRY_AT_MOST,
)
def run_report_job(self: Any, job_id: int) -> str:
    claim = report_job_run(job_id, worker=worker_name())
    if claim.outcome == "busy" and not self.request.is_eager:
        # Another worker holds the job (a delivery twice, after the broker's visibility timeout): look
        # again when its lease runs out; it will be done, or abandoned and ours to take over.
        raise self.retry(countdown=max(1.0, claim.wait + 1.0))
    return str(claim.outcome or "done")


def enqueue_report_job(job_id: int) -> None:
    """Hand the job to a worker (with a broker) or make it now (without)."""
    run_report_job.delay(job_id)
