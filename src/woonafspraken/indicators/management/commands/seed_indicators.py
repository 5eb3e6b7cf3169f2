from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.indicators.services import indicators_seed


class Command(BaseCommand):
    help = (
        "Zet de indicatoren van de Kampen-afspraken klaar voor een convenant (alleen bij afspraken die er in "
        "staan). Herhaalbaar: bestaande indicatoren blijven zoals ze zijn."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_covenant_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        result = indicators_seed(covenant=covenant)
        self.stdout.write(
            f"{covenant.title}: {result.created} indicatoren aangemaakt met {result.targets} doelen; "
            f"{result.existing} bestonden al."
        )
        if result.skipped:
            self.stdout.write(
                "Overgeslagen (de afspraak staat niet in dit convenant): " + ", ".join(result.skipped) + "."
            )
