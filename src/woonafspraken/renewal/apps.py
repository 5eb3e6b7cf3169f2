from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        from woonafspraken.renewal.panels_draft import register_draft  # noqa: PLC0415  (apps are loaded now)

        register_draft()
