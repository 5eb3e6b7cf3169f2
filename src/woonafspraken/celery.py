"""The Celery app: reports and reminders as jobs on workers (docs/jobs.md, ADR 0050).

Run a worker with `woonafspraken worker` (or `celery -A woonafspraken.celery worker`) and the daily
schedule with `woonafspraken worker --beat` on one machine. Without ``WOONAFSPRAKEN_BROKER_URL`` the
tasks run in the process that asks for them (``task_always_eager``), so nothing else needs to run.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.dev")

app = Celery("woonafspraken")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    # `send_reminders` as a periodic task: every morning at seven (idempotent per day, as the command).
    "send-reminders-daily": {
        "task": "annual_plans.send_reminders",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 12 * 60 * 60},
    },
}
app.autodiscover_tasks()
