from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.demo import demo_logins_create
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.console import progress_bar
from woonafspraken.core.demo import fillers
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import


class Command(BaseCommand):
    help = _("Create or migrate the database and import the built-in Kampen document. Repeatable.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help=_(
                "Add marked, made-up example data (progress, figures) and one example login per role "
                "(passwords shown once) to explore the system."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Database updated."))
        path = settings.BUILTIN_DOCUMENT
        with progress_bar(5, _("Kampen document")) as step:
            try:
                result = document_import(
                    text=path.read_text(encoding="utf-8"),
                    filename=path.name,
                    progress=step,
                )
            except (DocumentParseError, ImportRefusedError) as error:
                raise CommandError(
                    _("The built-in document could not be imported: %(error)s") % {"error": error}
                ) from error
            step.finish()
        state = _("unchanged") if result.changes == 0 else _("%(count)s changes") % {"count": result.changes}
        self.stdout.write(
            _("%(covenant)s: %(count)s agreements (%(state)s).")
            % {"covenant": result.covenant.title, "count": result.agreements, "state": state}
        )
        for message in result.messages:
            self.stdout.write(message)
        if options["demo"]:
            for filler in fillers:
                with transaction.atomic():
                    written = filler.fill(result.covenant)
                self.stdout.write(
                    _("Example data (made up) - %(description)s: %(count)s rows.")
                    % {"description": filler.description, "count": written}
                )
            self._demo_logins(result.covenant)

    def _demo_logins(self, covenant: Covenant) -> None:
        logins = demo_logins_create(parties=covenant.parties.all())
        self.stdout.write(_("Example logins (marked 'example account' in the page header):"))
        for login in logins:
            who = _("%(username)s (%(role)s, %(organisation)s)") % {
                "username": login.username,
                "role": Role(login.role).label,
                "organisation": login.organisation,
            }
            if login.password:
                self.stdout.write(
                    "  " + _("%(who)s, password: %(password)s") % {"who": who, "password": login.password}
                )
            else:
                self.stdout.write(
                    "  "
                    + _("%(who)s exists already; its password was shown when it was made.") % {"who": who}
                )
        if any(login.password for login in logins):
            self.stdout.write(_("Keep these passwords; they are not shown again."))
