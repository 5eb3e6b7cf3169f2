"""The `woonafspraken` console command: Django's management commands with the project's settings.

`woonafspraken import-document PATH` runs the management command `import_document`, and so on.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.dev")
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["woonafspraken", *args])


if __name__ == "__main__":
    main()
