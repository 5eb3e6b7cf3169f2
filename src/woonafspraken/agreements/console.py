"""The console's ``--covenant`` option, for every command that works on one covenant."""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import CovenantNotFoundError, covenant_resolve


def add_covenant_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--covenant",
        metavar="COVENANT",
        help=_(
            "The covenant: ID, title, municipality or part of the title; without it: the only one, else the "
            "covenant that runs today."
        ),
    )


def resolve_covenant(identifier: str | None) -> Covenant:
    try:
        return covenant_resolve(identifier)
    except CovenantNotFoundError as error:
        raise CommandError(str(error)) from error
