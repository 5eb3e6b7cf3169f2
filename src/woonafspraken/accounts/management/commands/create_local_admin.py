import secrets
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User


class Command(BaseCommand):
    help = "Maak een lokale beheerder met een willekeurig wachtwoord (eenmalig getoond)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--username", default="beheerder")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Beheerder '{username}' bestaat al. Nieuw wachtwoord nodig? "
                f"Draai: .venv/bin/woonafspraken changepassword {username}"
            )
            return
        organisation = Organisation.objects.municipalities().order_by("pk").first()
        if organisation is None:
            raise CommandError("Er is nog geen gemeente; draai eerst `woonafspraken init`.")
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            password=password,
            email="",
            organisation=organisation,
            role=Role.ADMINISTRATOR,
            first_name="Lokale",
            last_name="beheerder",
        )
        self.stdout.write(
            f"Lokale beheerder aangemaakt bij {organisation}.\n"
            f"  Gebruikersnaam: {username}\n  Wachtwoord:     {password}\n"
            "Bewaar dit wachtwoord; het wordt niet opnieuw getoond."
        )
