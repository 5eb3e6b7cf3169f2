from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.core.console import progress_bar
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import

STEPS = 5


class Command(BaseCommand):
    help = _("Import a document with performance agreements (text in the format of the Kampen document).")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help=_("The text file."))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(path)s is not a UTF-8 text file (byte %(position)s).")
                % {"path": path, "position": error.start}
            ) from error
        with progress_bar(STEPS, _("Importing")) as step:
            try:
                result = document_import(text=text, filename=path.name, progress=step)
            except DocumentParseError as error:
                raise CommandError(
                    _("%(path)s: line %(line)s: %(message)s. Nothing has been stored.")
                    % {"path": path, "line": error.line, "message": error.message}
                ) from error
            except ImportRefusedError as error:
                raise CommandError(
                    _("%(path)s: %(error)s Nothing has been stored.") % {"path": path, "error": error}
                ) from error
            step.finish()
        for warning in result.warnings:
            self.stderr.write(
                _("Note, line %(line)s: %(message)s") % {"line": warning.line, "message": warning.message}
            )
        for message in result.messages:
            self.stdout.write(message)
        if result.changes == 0:
            self.stdout.write(
                _("%(covenant)s: unchanged (this document had been imported already).")
                % {"covenant": result.covenant.title}
            )
        else:
            message = (
                _("%(covenant)s imported (id %(id)s): %(agreements)s agreements, %(changes)s changes.")
                if result.created
                else _("%(covenant)s updated (id %(id)s): %(agreements)s agreements, %(changes)s changes.")
            )
            self.stdout.write(
                message
                % {
                    "covenant": result.covenant.title,
                    "id": result.covenant.pk,
                    "agreements": result.agreements,
                    "changes": result.changes,
                }
            )
