from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.indicators.services import indicators_seed


class Command(BaseCommand):
    help = _(
        "Set up the indicators of the Kampen agreements for a covenant (only for agreements it contains). "
        "Repeatable: existing indicators stay as they are."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_covenant_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        result = indicators_seed(covenant=covenant)
        self.stdout.write(
            _(
                "%(covenant)s: %(created)s indicators created with %(targets)s targets; %(existing)s existed already."
            )
            % {
                "covenant": covenant.title,
                "created": result.created,
                "targets": result.targets,
                "existing": result.existing,
            }
        )
        if result.skipped:
            self.stdout.write(
                _("Skipped (the agreement is not in this covenant): %(agreements)s.")
                % {"agreements": ", ".join(result.skipped)}
            )
