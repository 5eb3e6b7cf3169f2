"""The daily reminders as a periodic Celery task (the beat schedule is in woonafspraken/celery.py).

The `send_reminders` command does the same by hand or from cron; both are idempotent per day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.reminders import reminders_send
from woonafspraken.celery import app


@app.task(name="annual_plans.send_reminders", acks_late=True)  # type: ignore[untyped-decorator]
def send_reminders(on: str | None = None) -> dict[str, int]:
    """Every covenant's reminders due ``on`` (ISO date; default today): {"sent": n, "already_sent": n}."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    sent = already = 0
    for covenant in Covenant.objects.order_by("pk"):
        result = reminders_send(covenant=covenant, on=day, base_url=settings.SITE_URL)
        sent += result.sent
        already += result.already_sent
    return {"sent": sent, "already_sent": already}
