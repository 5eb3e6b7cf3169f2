import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.core import registry
from woonafspraken.core.console import write_output
from woonafspraken.core.writers import FORMATS, render


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(_("'%(value)s' is not a date (use YYYY-MM-DD).") % {"value": text}) from error


class Command(BaseCommand):
    help = _("Export data of a covenant as JSON, CSV or Excel.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=sorted(registry.exports.names()), help=_("What to export."))
        add_covenant_argument(parser)
        extra_formats = sorted({e.file_format for e in registry.exports if e.file_format})
        parser.add_argument(
            "--format",
            choices=[*FORMATS, *extra_formats],
            default=None,
            help=_(
                "json (default), csv or xlsx; an export with a file type of its own (ics) has that as its default."
            ),
        )
        parser.add_argument("-o", "--output", help=_("File to write to (default: the screen)."))
        parser.add_argument("--year", type=int, help=_("The year, for exports per year."))
        parser.add_argument(
            "--on",
            type=_day,
            help=_("The date (YYYY-MM-DD), for exports of the state on a date (default: today)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        export = registry.exports[options["kind"]]
        covenant = resolve_covenant(options["covenant"])
        fmt = options["format"] or export.file_format or "json"
        if fmt == "xlsx" and options["output"] in (None, "-"):
            raise CommandError(_("An Excel file does not go to the screen; give -o FILE.xlsx."))
        if export.needs_year and options["year"] is None:
            raise CommandError(_("Give the year with --year."))
        year = options["year"]
        if fmt not in FORMATS:
            if fmt != export.file_format or export.as_file_for_year is None or year is None:
                raise CommandError(
                    _("The export %(export)s does not know the format %(format)s.")
                    % {"export": export.name, "format": fmt}
                )
            write_output(export.as_file_for_year(covenant, year), options["output"])
            return
        if export.as_data_on is not None and export.as_tables_on is not None:
            day = options["on"] or timezone.localdate()
            data, tables = export.as_data_on(covenant, day), export.as_tables_on(covenant, day)
        elif options["on"] is not None:
            raise CommandError(_("The export %(export)s has no --on date.") % {"export": export.name})
        else:
            data, tables = export.data(covenant, year), export.tables(covenant, year)
        write_output(render(data, tables, fmt), options["output"])
