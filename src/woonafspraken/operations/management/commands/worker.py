from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.celery import app


class Command(BaseCommand):
    help = _(
        "Run a job worker (Celery) that makes reports and sends the reminders; run one or more on every "
        "machine, with the same broker and database (docs/jobs.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--concurrency", type=int, help=_("Jobs at the same time (default: one per core).")
        )
        parser.add_argument(
            "--beat",
            action="store_true",
            help=_("Also run the schedule (the daily reminders); on one machine only."),
        )
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                _(
                    "No broker is configured: set WOONAFSPRAKEN_BROKER_URL (e.g. redis://127.0.0.1:6379/0). "
                    "Without one, reports and reminders run in the process that asks for them."
                )
            )
        argv = ["worker", f"--loglevel={options['loglevel']}", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE]
        if options["concurrency"]:
            argv.append(f"--concurrency={options['concurrency']}")
        if options["beat"]:
            argv.append("--beat")
        app.worker_main(argv)
