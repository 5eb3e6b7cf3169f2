from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from woonafspraken.core import registry
from woonafspraken.core.management.base import add_covenant_argument, resolve_covenant, write_output
from woonafspraken.core.writers import FORMATS, render


class Command(BaseCommand):
    help = "Exporteer gegevens van een convenant als JSON, CSV of Excel."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=sorted(registry.exports), help="Wat te exporteren.")
        add_covenant_argument(parser)
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", help="Bestand om naar te schrijven (standaard: het scherm).")
        parser.add_argument("--year", type=int, help="Het jaar, voor exports per jaar.")

    def handle(self, *args: Any, **options: Any) -> None:
        export = registry.exports[options["kind"]]
        covenant = resolve_covenant(options["covenant"])
        fmt = options["format"]
        if fmt == "xlsx" and options["output"] in (None, "-"):
            raise CommandError("Een Excel-bestand gaat niet naar het scherm; geef -o BESTAND.xlsx.")
        if export.needs_year and options["year"] is None:
            raise CommandError("Geef het jaar met --year.")
        write_output(render(export.as_data(covenant), export.as_tables(covenant), fmt), options["output"])
