"""Start the test provider: ``python -m tests.oidc_provider.serve PORT``.

Reads ``PROVIDER_DATABASE`` (an SQLite file), ``PROVIDER_CLIENT_ID``, ``PROVIDER_CLIENT_SECRET`` and
``PROVIDER_REDIRECT_URI`` from the environment. Generates a fresh RSA signing key, creates the tables, the
client (``skip_authorization``: no consent page) and the users with their groups, then serves until killed:

- ``anna`` (groups ``kampen-coordinatoren``, ``iedereen``): mapped by the tests;
- ``piet`` (group ``iedereen``): maps to no organisation.
Every password is ``wachtwoord-<username>``.
"""

import os
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

USERS = {
    "anna": ("anna@kampen.example", "Anna", "de Vries", ["kampen-coordinatoren", "iedereen"]),
    "piet": ("piet@elders.example", "Piet", "Jansen", ["iedereen"]),
}


def _rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def main() -> None:
    port = sys.argv[1]
    os.environ["PROVIDER_RSA_KEY"] = _rsa_key()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")

    # Django is imported after the key is in the environment: the settings read it at import.
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    call_command("migrate", run_syncdb=True, verbosity=0)
    for username, (email, first, last, groups) in USERS.items():
        user = User.objects.create_user(
            username, email=email, password=f"wachtwoord-{username}", first_name=first, last_name=last
        )
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    Application.objects.create(
        name="woonafspraken",
        client_id=os.environ["PROVIDER_CLIENT_ID"],
        client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["PROVIDER_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main()
