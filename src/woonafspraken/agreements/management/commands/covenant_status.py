import datetime as dt
import json
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.agreements.selectors import covenant_status_on


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"{value!r} is geen datum van de vorm JJJJ-MM-DD.") from error


class Command(BaseCommand):
    help = "De stand van het convenant op een datum: loopt, verlengd of verlopen."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_covenant_argument(parser)
        parser.add_argument(
            "--on", type=iso_date, default=None, help="Datum (JJJJ-MM-DD); standaard vandaag."
        )
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        status = covenant_status_on(covenant, options["on"] or timezone.localdate())
        if options["format"] == "json":
            self.stdout.write(json.dumps(status.as_dict()))
        else:
            self.stdout.write(
                f"{covenant.title}: {status.state.value} op {status.on}, nog {status.days_left} dagen"
            )
