from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.core import registry
from woonafspraken.core.console import write_output
from woonafspraken.core.writers import FORMATS, render


class Command(BaseCommand):
    help = "Exporteer gegevens van een convenant als JSON, CSV of Excel."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=sorted(registry.exports.names()), help="Wat te exporteren.")
        add_covenant_argument(parser)
        extra_formats = sorted({e.file_format for e in registry.exports if e.file_format})
        parser.add_argument(
            "--format",
            choices=[*FORMATS, *extra_formats],
            default=None,
            help="json (standaard), csv of xlsx; een export met een eigen bestandssoort (ics) heeft die als standaard.",
        )
        parser.add_argument("-o", "--output", help="Bestand om naar te schrijven (standaard: het scherm).")
        parser.add_argument("--year", type=int, help="Het jaar, voor exports per jaar.")

    def handle(self, *args: Any, **options: Any) -> None:
        export = registry.exports[options["kind"]]
        covenant = resolve_covenant(options["covenant"])
        fmt = options["format"] or export.file_format or "json"
        if fmt == "xlsx" and options["output"] in (None, "-"):
            raise CommandError("Een Excel-bestand gaat niet naar het scherm; geef -o BESTAND.xlsx.")
        if export.needs_year and options["year"] is None:
            raise CommandError("Geef het jaar met --year.")
        year = options["year"]
        if fmt not in FORMATS:
            if fmt != export.file_format or export.as_file_for_year is None or year is None:
                raise CommandError(f"De export {export.name} kent het formaat {fmt} niet.")
            write_output(export.as_file_for_year(covenant, year), options["output"])
            return
        write_output(
            render(export.data(covenant, year), export.tables(covenant, year), fmt), options["output"]
        )
