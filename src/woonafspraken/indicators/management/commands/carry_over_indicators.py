from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import add_covenant_argument, resolve_covenant
from woonafspraken.indicators.services import indicators_carry_over


class Command(BaseCommand):
    help = _(
        "Take the indicators of a covenant's predecessor over to it, linked to the successors of their "
        "agreements. Repeatable: existing indicators stay as they are."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_covenant_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        try:
            result = indicators_carry_over(covenant=covenant)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _(
                "%(covenant)s: %(created)s indicators taken over with %(targets)s targets; %(existing)s existed already."
            )
            % {
                "covenant": covenant.title,
                "created": len(result.created),
                "targets": result.targets,
                "existing": len(result.existing),
            }
        )
        if result.to_confirm:
            self.stdout.write(
                _("Targets to confirm (the agreement changed): %(items)s.")
                % {"items": ", ".join(result.to_confirm)}
            )
        if result.lapsed:
            self.stdout.write(
                _("Lapsed with their agreements: %(codes)s.") % {"codes": ", ".join(result.lapsed)}
            )
