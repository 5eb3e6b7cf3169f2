import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from woonafspraken.core.console import progress_bar
from woonafspraken.operations.backup import backup_write


class Command(BaseCommand):
    help = "Maak een volledige back-up (gzip-JSON) die in een lege SQLite- of PostgreSQL-database terug kan."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "-o", "--output", required=True, help="Het back-upbestand, bijvoorbeeld backup.json.gz."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        if not path.parent.exists():
            raise CommandError(f"De map {path.parent} bestaat niet.")
        started = time.perf_counter()
        with progress_bar(1, "Back-up", unit="bestand") as step:
            count = backup_write(path)
            step()
        self.stdout.write(
            f"Back-up geschreven naar {path}: {count} objecten, {path.stat().st_size:,} bytes, "
            f"{time.perf_counter() - started:.1f} s."
        )
