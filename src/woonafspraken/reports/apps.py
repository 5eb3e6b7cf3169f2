from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "woonafspraken.reports"
    label = "reports"

    def ready(self) -> None:
        # The format plug-ins register themselves (reports/formats.py).
        from woonafspraken.reports import contrib  # noqa: F401, PLC0415
