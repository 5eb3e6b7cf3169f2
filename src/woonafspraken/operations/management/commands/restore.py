import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.core.console import progress_bar
from woonafspraken.core.formatting import format_number
from woonafspraken.operations.backup import RestoreRefusedError, backup_restore


class Command(BaseCommand):
    help = _("Restore a backup into an empty database (SQLite or PostgreSQL).")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help=_("The backup file."))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        started = time.perf_counter()
        with progress_bar(2, _("Restoring")) as step:
            call_command("migrate", interactive=False, verbosity=0)
            step()
            try:
                count = backup_restore(path)
            except RestoreRefusedError as error:
                raise CommandError(_("%(error)s Nothing has been changed.") % {"error": error}) from error
            step()
        self.stdout.write(
            _("%(count)s objects restored from %(path)s in %(seconds)s s.")
            % {"count": count, "path": path, "seconds": format_number(time.perf_counter() - started, 1)}
        )
