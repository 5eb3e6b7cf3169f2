from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        # One line per part; the parts plug into other apps' registries once the models are loaded.
        from woonafspraken.renewal.compare_panel import register_compare  # noqa: PLC0415
        from woonafspraken.renewal.panels_draft import register_draft  # noqa: PLC0415

        register_compare()
        register_draft()
