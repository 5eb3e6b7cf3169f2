import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import resolve_covenant
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.reminders import reminders_send


class Command(BaseCommand):
    help = _(
        "Mail the owners of activities that have not been updated in time, and reminders of Woningwet "
        "milestones that are coming up. Once a day per recipient; running again on the same day sends "
        "nothing again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--covenant",
            metavar="COVENANT",
            help=_("Only this covenant: ID, title, municipality or part of the title (default: all)."),
        )
        parser.add_argument("--on", help=_("The date (YYYY-MM-DD) the reminders are for; default today."))
        parser.add_argument(
            "--base-url", default="", help=_("The address of the site for links in the mail.")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Only count, send nothing."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = timezone.localdate() if not options["on"] else dt.date.fromisoformat(options["on"])
        except ValueError as error:
            raise CommandError(
                _("'%(value)s' is not a date; use YYYY-MM-DD.") % {"value": options["on"]}
            ) from error
        covenants = (
            [resolve_covenant(options["covenant"])] if options["covenant"] else list(Covenant.objects.all())
        )
        for covenant in covenants:
            result = reminders_send(
                covenant=covenant, on=on, base_url=options["base_url"].rstrip("/"), dry_run=options["dry_run"]
            )
            message = (
                _("%(covenant)s: %(sent)s reminders would send, %(already)s already sent today.")
                if options["dry_run"]
                else _("%(covenant)s: %(sent)s reminders sent, %(already)s already sent today.")
            )
            self.stdout.write(
                message % {"covenant": covenant.title, "sent": result.sent, "already": result.already_sent}
            )
