import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import resolve_covenant
from woonafspraken.renewal.services.draft import covenant_draft


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("%(value)s is not a date as YYYY-MM-DD.") % {"value": value}) from error


class Command(BaseCommand):
    help = _("Draft the successor of a covenant: every agreement copied with its lineage; prints the id.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--from",
            dest="source",
            required=True,
            metavar="COVENANT",
            help=_("The current covenant (id, title, municipality or part of the title)."),
        )
        parser.add_argument("--title", required=True)
        parser.add_argument("--start", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--end", required=True, metavar="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        source = resolve_covenant(options["source"])
        try:
            draft = covenant_draft(
                source=source,
                title=options["title"],
                start=_date(options["start"]),
                end=_date(options["end"]),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(str(draft.pk))
