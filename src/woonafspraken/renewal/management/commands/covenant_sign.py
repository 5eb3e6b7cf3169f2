import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.agreements.console import resolve_covenant
from woonafspraken.agreements.models import CovenantStage
from woonafspraken.core.formatting import format_date
from woonafspraken.renewal.services.signing import (
    PartyNotFoundError,
    covenant_freeze,
    covenant_sign,
    party_resolve,
    signing_overview,
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("%(value)s is not a date as YYYY-MM-DD.") % {"value": value}) from error


class Command(BaseCommand):
    help = _(
        "Record one party's signature under a draft covenant; the last party's makes it signed. "
        "An unfrozen draft is frozen first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--covenant",
            required=True,
            metavar="COVENANT",
            help=_("The draft covenant (id, title, municipality or part of the title)."),
        )
        parser.add_argument(
            "--party", required=True, metavar="NAME", help=_("The party: its name or a unique part of it.")
        )
        parser.add_argument("--signatory", required=True, metavar="NAME", help=_("Who signed."))
        parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("The day of signing."))
        parser.add_argument("--function", default="", help=_("The signatory's position."))
        parser.add_argument("--place", default="", help=_("Where it was signed."))

    def handle(self, *args: Any, **options: Any) -> None:
        covenant = resolve_covenant(options["covenant"])
        date = _date(options["date"])
        try:
            party = party_resolve(covenant, options["party"])
        except PartyNotFoundError as error:
            raise CommandError(str(error)) from error
        try:
            # The console signs what is there: recording a signature from here means the text is final.
            if covenant.stage == CovenantStage.DRAFT and covenant.frozen_at is None:
                covenant = covenant_freeze(covenant=covenant)
                self.stdout.write(_("The text of %(title)s is now frozen.") % {"title": covenant.title})
            covenant_sign(
                covenant=covenant,
                party=party,
                signatory=options["signatory"],
                date=date,
                function=options["function"],
                place=options["place"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        overview = signing_overview(covenant)
        covenant.refresh_from_db()
        if covenant.stage == CovenantStage.SIGNED and covenant.signed_on is not None:
            self.stdout.write(
                _("%(party)s signed. Every party has signed: %(title)s is signed on %(date)s.")
                % {"party": party.name, "title": covenant.title, "date": format_date(covenant.signed_on)}
            )
        else:
            self.stdout.write(
                _("%(party)s signed; %(count)s of %(total)s parties have signed.")
                % {"party": party.name, "count": overview.signed_count, "total": len(overview.parties)}
            )
