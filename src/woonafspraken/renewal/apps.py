from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        from woonafspraken.renewal.signing_history import register_signing  # noqa: PLC0415  (models loaded)

        register_signing()
