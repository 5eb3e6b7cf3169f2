from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from woonafspraken.wsgi import application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


class Command(BaseCommand):
    help = _("Start the web application (gunicorn) on http://127.0.0.1:8000.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        address = _("Woonafspraken is running on http://%(host)s:%(port)s/ (stop with Ctrl+C).") % {
            "host": options["host"],
            "port": options["port"],
        }

        def when_ready(server: Any) -> None:
            # Said once the socket listens, and flushed: through a pipe (a log, a test) stdout is
            # block-buffered, and a line left in the buffer is copied into every forked worker.
            self.stdout.write(address)
            self.stdout.flush()

        self.stdout.flush()
        _Gunicorn(
            {
                "bind": f"{options['host']}:{options['port']}",
                "workers": options["workers"],
                "threads": options["threads"],
                "accesslog": "-",
                "when_ready": when_ready,
            }
        ).run()
