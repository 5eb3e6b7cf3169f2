import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from woonafspraken.core.console import progress_bar
from woonafspraken.operations.backup import RestoreRefusedError, backup_restore


class Command(BaseCommand):
    help = "Zet een back-up terug in een lege database (SQLite of PostgreSQL)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="Het back-upbestand.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        started = time.perf_counter()
        with progress_bar(2, "Terugzetten") as step:
            call_command("migrate", interactive=False, verbosity=0)
            step()
            try:
                count = backup_restore(path)
            except RestoreRefusedError as error:
                raise CommandError(f"{error} Er is niets veranderd.") from error
            step()
        self.stdout.write(f"{count} objecten teruggezet uit {path} in {time.perf_counter() - started:.1f} s.")
