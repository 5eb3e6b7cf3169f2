import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.core.console import progress_bar
from woonafspraken.core.formatting import format_number
from woonafspraken.operations.backup import backup_write


class Command(BaseCommand):
    help = _(
        "Make a full backup (gzip-JSON) that can be restored into an empty SQLite or PostgreSQL database."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "-o", "--output", required=True, help=_("The backup file, for example backup.json.gz.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        if not path.parent.exists():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
        started = time.perf_counter()
        with progress_bar(1, _("Backup"), unit=_("file")) as step:
            count = backup_write(path)
            step()
        self.stdout.write(
            _("Backup written to %(path)s: %(count)s objects, %(size)s bytes, %(seconds)s s.")
            % {
                "path": path,
                "count": count,
                "size": format_number(path.stat().st_size),
                "seconds": format_number(time.perf_counter() - started, 1),
            }
        )
