from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.core import registry
from woonafspraken.core.console import write_output
from woonafspraken.core.writers import FORMATS, render


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
        write_output(
            render(export.data(covenant, year), export.tables(covenant, year), fmt), options["output"]
        )
