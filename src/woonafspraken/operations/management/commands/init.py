from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from woonafspraken.core.console import progress_bar
from woonafspraken.core.demo import fillers
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import


class Command(BaseCommand):
    help = "Maak of migreer de database en importeer het ingebouwde Kampen-document. Herhaalbaar."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Voeg gemarkeerde, verzonnen voorbeeldgegevens toe (voortgang, cijfers) om het systeem te verkennen.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database bijgewerkt.")
        path = settings.BUILTIN_DOCUMENT
        with progress_bar(5, "Kampen-document") as step:
            try:
                result = document_import(
                    text=path.read_text(encoding="utf-8"),
                    filename=path.name,
                    progress=step,
                )
            except (DocumentParseError, ImportRefusedError) as error:
                raise CommandError(
                    f"Het ingebouwde document kon niet worden geïmporteerd: {error}"
                ) from error
            step.finish()
        state = "ongewijzigd" if result.changes == 0 else f"{result.changes} wijzigingen"
        self.stdout.write(f"{result.covenant.title}: {result.agreements} afspraken ({state}).")
        for message in result.messages:
            self.stdout.write(message)
        if options["demo"]:
            for filler in fillers:
                with transaction.atomic():
                    written = filler.fill(result.covenant)
                self.stdout.write(f"Voorbeeldgegevens (verzonnen) - {filler.description}: {written} rijen.")
