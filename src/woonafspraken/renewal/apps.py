from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        from woonafspraken.renewal.plugins.bod import register_bod  # noqa: PLC0415  (models are loaded)

        register_bod()
