import secrets
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User


class Command(BaseCommand):
    # Read when Django loads the command (after setup); argparse needs a real str, not a lazy one.
    help = _("Create a local administrator with a random password (shown once).")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--username", default="beheerder")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                _(
                    "Administrator '%(username)s' already exists. Need a new password? "
                    "Run: .venv/bin/woonafspraken changepassword %(username)s"
                )
                % {"username": username}
            )
            return
        organisation = Organisation.objects.municipalities().order_by("pk").first()
        if organisation is None:
            raise CommandError(_("There is no municipality yet; run `woonafspraken init` first."))
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            password=password,
            email="",
            organisation=organisation,
            role=Role.ADMINISTRATOR,
            first_name=_("Local"),
            last_name=_("administrator"),
        )
        self.stdout.write(
            _(
                "Local administrator created at %(organisation)s.\n"
                "  User name: %(username)s\n  Password:  %(password)s\n"
                "Keep this password; it is not shown again."
            )
            % {"organisation": organisation, "username": username, "password": password}
        )
