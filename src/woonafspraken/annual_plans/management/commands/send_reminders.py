import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from woonafspraken.agreements.console import resolve_covenant
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Mail de eigenaren van activiteiten die niet op tijd zijn bijgewerkt, en herinneringen aan "
        "Woningwet-mijlpalen die naderen. Eén keer per dag per ontvanger; nog eens draaien op dezelfde dag "
        "verstuurt niets opnieuw."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--covenant", metavar="ID_OR_TITLE", help="Alleen dit convenant (standaard: alle)."
        )
        parser.add_argument(
            "--on", help="De datum (JJJJ-MM-DD) waarvoor herinneringen gelden; standaard vandaag."
        )
        parser.add_argument("--base-url", default="", help="Het adres van de site voor links in de mail.")
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets versturen.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = timezone.localdate() if not options["on"] else dt.date.fromisoformat(options["on"])
        except ValueError as error:
            raise CommandError(f"'{options['on']}' is geen datum; gebruik JJJJ-MM-DD.") from error
        covenants = (
            [resolve_covenant(options["covenant"])] if options["covenant"] else list(Covenant.objects.all())
        )
        for covenant in covenants:
            result = reminders_send(
                covenant=covenant, on=on, base_url=options["base_url"].rstrip("/"), dry_run=options["dry_run"]
            )
            verb = "zou versturen" if options["dry_run"] else "verstuurd"
            self.stdout.write(
                f"{covenant.title}: {result.sent} herinneringen {verb}, {result.already_sent} vandaag al verstuurd."
            )
