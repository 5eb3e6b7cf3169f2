"""Shared bits for the console commands: choosing a covenant, writing output, progress bars."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import CommandError

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import CovenantNotFoundError, covenant_resolve


def add_covenant_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--covenant",
        metavar="ID_OR_TITLE",
        help="Het convenant (id of titel); zonder: het enige, anders het convenant dat vandaag loopt.",
    )


def resolve_covenant(identifier: str | None) -> Covenant:
    try:
        return covenant_resolve(identifier)
    except CovenantNotFoundError as error:
        raise CommandError(str(error)) from error


def write_output(content: bytes, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    path = Path(str(output))
    if not path.parent.exists():
        raise CommandError(f"De map {path.parent} bestaat niet.")
    path.write_bytes(content)
