from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        from woonafspraken.renewal.compare_panel import register_compare  # noqa: PLC0415 (models load after apps.py)

        register_compare()
