"""The `woonafspraken` console command: Django's management commands with the project's settings.

`woonafspraken import-document PATH` runs the management command `import_document`, and so on.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    # Serving is for using the app: debug off and the Dutch error pages (conf.local); the other commands
    # and runserver are for working on it (conf.dev). DJANGO_SETTINGS_MODULE overrides either.
    serving = bool(args) and args[0] == "serve"
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE", "woonafspraken.conf.local" if serving else "woonafspraken.conf.dev"
    )
    execute_from_command_line(["woonafspraken", *args])


if __name__ == "__main__":
    main()
