from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.core.console import progress_bar
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.reading.source import SourceKind, SourceReadError, read_source
from woonafspraken.documents.review import summary_lines
from woonafspraken.documents.services import (
    MAX_DOCUMENT_BYTES,
    ImportRefusedError,
    document_import,
    import_preview,
)

STEPS = 5


class Command(BaseCommand):
    help = _(
        "Import a document with performance agreements (a text file in the format of the Kampen document, "
        "a Word file or a PDF). Prints what will be stored; stores it when nothing is uncertain or with --yes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help=_("The text, Word (.docx) or PDF file."))
        parser.add_argument(
            "--yes",
            action="store_true",
            help=_("Store even when the summary lists points to decide (after checking them)."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Only print the summary; never store anything.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from error
        except IsADirectoryError as error:
            raise CommandError(_("%(path)s is a folder, not a file.") % {"path": path}) from error
        if len(data) > MAX_DOCUMENT_BYTES:
            raise CommandError(
                _("%(path)s: the file is larger than 5 MB; that is not an agreements document.")
                % {"path": path}
            )
        try:
            source = read_source(path.name, data)
        except SourceReadError as error:
            raise CommandError(
                _("%(path)s: %(error)s Nothing has been stored.") % {"path": path, "error": error}
            ) from error
        try:
            preview = import_preview(source, filename=path.name)
        except DocumentParseError as error:
            raise CommandError(
                _("%(path)s: %(error)s Nothing has been stored.")
                % {"path": path, "error": f"{source.place(error.line)}: {error.message}"}
            ) from error
        for line in summary_lines(preview):
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing has been stored."))
            return
        if preview.errors:
            raise CommandError(
                _("Nothing has been stored: %(path)s cannot be stored as it is read (see above).")
                % {"path": path}
            )
        if preview.uncertain and not options["yes"]:
            raise CommandError(
                _(
                    "Nothing has been stored: %(count)s points need a decision (see above). Check them, then "
                    "run again with --yes, or review and correct the import on the import page."
                )
                % {"count": len(preview.uncertain)}
            )
        with progress_bar(STEPS, _("Importing")) as step:
            try:
                result = document_import(
                    source=source,
                    filename=path.name,
                    corrections=preview.corrections,
                    file=data if source.kind is not SourceKind.TEXT else None,
                    progress=step,
                )
            except DocumentParseError as error:
                raise CommandError(
                    _("%(path)s: %(error)s Nothing has been stored.")
                    % {"path": path, "error": f"{source.place(error.line)}: {error.message}"}
                ) from error
            except ImportRefusedError as error:
                raise CommandError(
                    _("%(path)s: %(error)s Nothing has been stored.") % {"path": path, "error": error}
                ) from error
            step.finish()
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
