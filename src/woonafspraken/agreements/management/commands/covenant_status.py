import datetime as dt
import json
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.agreements.selectors import covenant_status_on


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(
            _("%(value)s is not a date of the form YYYY-MM-DD.") % {"value": repr(value)}
        ) from error


class Command(BaseCommand):
    # Read when Django loads the command (after setup); argparse needs a real str, not a lazy one.
    help = _("The state of the covenant on a date: draft, signed, running, extended or expired.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_covenant_argument(parser)
        parser.add_argument(
            "--on", type=iso_date, default=None, help=_("Date (YYYY-MM-DD); today by default.")
        )
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        status = covenant_status_on(covenant, options["on"] or timezone.localdate())
        if options["format"] == "json":
            self.stdout.write(json.dumps(status.as_dict()))
        else:
            self.stdout.write(
                _("%(title)s: %(state)s on %(on)s, %(days)s days left")
                % {
                    "title": covenant.title,
                    "state": status.state.value,
                    "on": status.on,
                    "days": status.days_left,
                }
            )
