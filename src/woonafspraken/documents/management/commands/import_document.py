from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from woonafspraken.core.console import progress_bar
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import

STEPS = 5


class Command(BaseCommand):
    help = "Importeer een document met prestatieafspraken (tekst in het formaat van het Kampen-document)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="Het tekstbestand.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {path}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is geen UTF-8-tekstbestand (byte {error.start}).") from error
        with progress_bar(STEPS, "Importeren") as step:
            try:
                result = document_import(text=text, filename=path.name, progress=step)
            except DocumentParseError as error:
                raise CommandError(
                    f"{path}: regel {error.line}: {error.message}. Er is niets opgeslagen."
                ) from error
            except ImportRefusedError as error:
                raise CommandError(f"{path}: {error} Er is niets opgeslagen.") from error
            step.finish()
        for warning in result.warnings:
            self.stderr.write(f"Let op, regel {warning.line}: {warning.message}")
        for message in result.messages:
            self.stdout.write(message)
        if result.changes == 0:
            self.stdout.write(f"{result.covenant.title}: ongewijzigd (dit document was al geïmporteerd).")
        else:
            verb = "geïmporteerd" if result.created else "bijgewerkt"
            self.stdout.write(
                f"{result.covenant.title} {verb} (id {result.covenant.pk}): {result.agreements} afspraken, "
                f"{result.changes} wijzigingen."
            )
